"""The commands of `csmanual`, by who uses them; `csmanual.cli` gathers them into one group.

manual.py   validate, build, context, check-theme, serve  (managers and designers)
audit.py    diff, verify                                  (auditors)
setup.py    init, schema, rules                           (starting and reference)
common.py   options and the one way problems are reported
"""

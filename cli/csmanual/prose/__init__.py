"""Reading the manual's prose as CS writers write it, one job per module.

    durations.py  a duration stated as a limit or an interval ("이틀 안에", "within 4
                  business hours"), with where it starts in the text
    counts.py     a count of the manual's own items ("클레임 처리 7단계", "seven steps")
    speech.py     the speech level of a sentence a customer hears (합쇼체, 해요체, 반말)
    places.py     where a piece of a text stands in the file, also in folded blocks
    numerals.py   numbers spelt in words (일곱, 열두, seven), for durations and counts

Pure text analysis: the rules that compare what these find with the source are in
`csmanual.consistency`. Closed lists of endings and numerals, no morphological analyser:
measured on the sample and the tests, they are precise enough and cost microseconds.
"""

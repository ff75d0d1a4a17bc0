from csmanual.cli import main

main()

from conformance.cli import console_main

console_main()

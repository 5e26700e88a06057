import OCISignCLI

OCISignCommand.main()

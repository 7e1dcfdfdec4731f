MPMLab.main()

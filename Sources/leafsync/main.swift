print("leafsync")

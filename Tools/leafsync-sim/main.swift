print("leafsync-sim: simulators arrive with issues 5 and 6")

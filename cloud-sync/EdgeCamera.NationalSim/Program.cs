using EdgeCamera.NationalSim;

NationalSimApp.Build(args).Run();

using EdgeCamera.Cloud;

CloudApp.Build(args).Run();

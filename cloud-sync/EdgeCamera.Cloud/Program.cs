using EdgeCamera.Cloud;

if (args.Length > 0 && args[0] == EdgeCamera.Cloud.Forwarding.ReplayCommand.Name)
{
    return EdgeCamera.Cloud.Forwarding.ReplayCommand.Run(args[1..], Console.Out);
}

if (args.Length > 0 && args[0] == EdgeCamera.Cloud.Storage.PayloadSweepCommand.Name)
{
    return EdgeCamera.Cloud.Storage.PayloadSweepCommand.Run(args[1..], Console.Out);
}

if (args.Length > 0 && args[0] == EdgeCamera.Cloud.WatchList.WatchListKeyCommand.Name)
{
    return EdgeCamera.Cloud.WatchList.WatchListKeyCommand.Run(args[1..], Console.Out);
}

CloudApp.Build(args).Run();
return 0;

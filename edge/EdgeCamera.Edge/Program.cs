using EdgeCamera.Edge;
using EdgeCamera.Edge.Commands;

// edgecam [run]                 run the roadside worker (default)
// edgecam read-image <file>...  find and read plates in still images (technician check, arm64 smoke test)
return args.FirstOrDefault() switch
{
    "read-image" => ReadImageCommand.Run(args[1..], Console.Out),
    "run" => RunWorker(args[1..]),
    _ => RunWorker(args),
};

static int RunWorker(string[] args)
{
    EdgeApp.Build(args).Run();
    return 0;
}

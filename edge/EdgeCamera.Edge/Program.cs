using EdgeCamera.Edge;
using EdgeCamera.Edge.Commands;

// edgecam [run]                 run the roadside worker (default)
// edgecam read-image <file>...  find and read plates in still images (technician check, arm64 smoke test)
// edgecam provision [--key P]   create the device's signing key pair (prints the public key to register)
// edgecam verify --public-key K <package|folder>...  check signatures, image hashes and the chain offline
// edgecam resume-chain PACKAGE  after a lost outbox, continue the chain after the cloud's newest package
// edgecam set-password         store the diagnostics page's password (read from stdin) as a salted PBKDF2 hash
// edgecam eval <labels.tsv>     score detector and reader on labelled photographs (--json for one JSON object)
return args.FirstOrDefault() switch
{
    "read-image" => ReadImageCommand.Run(args[1..], Console.Out),
    "provision" => ProvisionCommand.Run(args[1..], Console.Out),
    "verify" => VerifyCommand.Run(args[1..], Console.Out),
    "resume-chain" => ResumeChainCommand.Run(args[1..], Console.Out),
    "eval" => EvalCommand.Run(args[1..], Console.Out),
    "set-password" => SetPasswordCommand.Run(args[1..], Console.In, Console.Out),
    "run" => RunWorker(args[1..]),
    null => RunWorker(args),
    var first when first.StartsWith("--", StringComparison.Ordinal) => RunWorker(args),
    var unknown => Usage(unknown),
};

static int RunWorker(string[] args)
{
    EdgeApp.Build(args).Run();
    return 0;
}

static int Usage(string unknown)
{
    Console.Error.WriteLine($"edgecam: unknown command '{unknown}'. Commands: run (default), read-image FILE..., eval LABELS.tsv [--json]");
    return 2;
}

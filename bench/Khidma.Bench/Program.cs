using Khidma.Bench;

// The benchmark: generate realistic data at scale, start Khidma on it, drive its hot paths over loopback,
// and measure the machine's ceilings in the same run so every figure is also a ratio.
var command = args.FirstOrDefault() ?? "help";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
return command switch
{
    "generate" => await DataGenerator.RunAsync(options),
    "run" => await BenchRun.RunAsync(options),
    "smoke" => await BenchRun.SmokeAsync(options),
    "ceiling" => await CeilingServer.RunAsync(options),
    _ => Help(),
};

static int Help()
{
    Console.WriteLine("""
        Khidma benchmark
          generate --data DIR [--customers 200000] [--interactions 1000000] [--entries 3] [--provider sqlite|postgres --cs CONN]
          run      --data DIR [--seconds 15] [--concurrency 16] [--provider sqlite|postgres --cs CONN] [--out FILE]
                   [--only TEXT]  only the scenarios whose name contains TEXT (the ceilings always run)
          smoke    tiny data, short scenarios (what CI runs so the benchmark never rots)
        """);
    return 2;
}

using BenchmarkDotNet.Running;

// Runs any benchmark class in this assembly; pick with --filter, e.g.
//   dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*Token*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

using Switchyard.Server.Tests.Support;

[assembly: AssemblyFixture(typeof(GatewayFixture))]

using System.Reflection;
using AfterSales.FunctionalTests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("AfterSales.FunctionalTests.Infrastructure.SuiteTestFramework", "AfterSales.FunctionalTests")]

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// xunit's own framework, plus one thing xunit 2 lacks, a fixture for the whole assembly: the shared
/// <see cref="Suite"/> starts when the first class needs it and stops here, once every collection has run,
/// so its PostgreSQL and redis-server never outlive the test run.
/// </summary>
public sealed class SuiteTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Suite.StopAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}

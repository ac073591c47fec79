import ArgumentParser

@main
struct Fulcrum: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fulcrum",
        abstract: "Measure where a generative AI model stands on human values and value safety.",
        discussion: """
        Fulcrum runs value-safety benchmarks (GVS-Bench) against models, judges the answers on the \
        GVS-Scale (12 categories in 3 layers), maps answers into Schwartz's basic-value space (Value \
        FULCRA) and reports scores with confidence intervals.

        Start here:
          fulcrum taxonomy                         the GVS-Scale's layers and categories
          fulcrum values space                     Schwartz's ten values and their circle
          fulcrum suite list                       items of the built-in starter suite
          fulcrum suite import gvs-bench DIR       convert the official GVS-Bench files
          fulcrum incidents --help                 incident repository: import, search, code, agreement
        """,
        subcommands: [
            TaxonomyCommand.self, ValuesCommand.self, SuiteCommand.self, RunCommand.self, WorkerCommand.self, RunsCommand.self, DbCommand.self,
            ResponsesCommand.self, JudgeCommand.self, ReportCommand.self, CompareCommand.self, GateCommand.self,
            AlignCommand.self, IncidentsCommand.self,
        ]
    )
}

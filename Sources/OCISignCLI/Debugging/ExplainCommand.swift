import ArgumentParser
public struct ExplainCommand: ParsableCommand { public init() {}; public func run() throws {} }

import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok stems ID --stems vocal,drum [--provider local|lalal] [--watch]`.
struct StemsRequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Ask for stems of a completed sample (charged now, refunded if the job fails).")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Option(help: ArgumentHelp("The stem types, comma-separated: \(StemType.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "types"))
    var stems: String
    @Option(help: "The provider: local (offline, the default) or lalal (LALAL.AI, needs LALAL_API_KEY).") var provider: String?
    @Flag(help: "Follow the stem job until it ends, then list the stems.") var watch = false
    @Flag(help: "Print the stem job as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        _ = try types()
    }

    /// The `--stems` list as stem types.
    func types() throws -> [StemType] {
        let names = stems.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--stems needs at least one stem type.") }
        return try names.map { name in
            guard let type = StemType(rawValue: name) else {
                throw ValidationError("'\(name)' is not a stem type: choose from \(StemType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return type
        }
    }

    func run() async throws {
        let (id, types, provider, watch, json) = (self.id, try types(), self.provider, self.watch, self.json)
        try await ClientSession.run(client, workers: watch ? .followedSample : .none, demo: false) { client in
            let job = try await client.requestStems(of: id, stems: types, provider: provider)
            guard watch else {
                ClientSession.startWork(client)
                print(json ? try JSONOutput.string(job) : StemText.summary(job))
                return
            }
            FileHandle.standardError.write(Data("\(StemText.summary(job))\n".utf8))
            let done = try await JobWatcher(client: client).follow(stemJob: job.id)
            print(json ? try JSONOutput.string(done) : StemText.details(done))
            if done.status == .failed { throw ExitCode(65) }
        }
    }
}

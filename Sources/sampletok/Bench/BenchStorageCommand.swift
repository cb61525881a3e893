import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok bench storage`: upload and download speed of the configured bucket (`STORAGE_TYPE`),
/// one PUT against a multipart upload of the same file.
struct BenchStorageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Upload a file to the configured bucket in one PUT and in parts, download it, and print MB/s.")

    @Option(help: "The file's size in MB.") var megabytes = 40
    @Option(help: "Runs of each.") var runs = 3
    @Flag(help: "Create the bucket first (a test server such as moto).") var createBucket = false

    func run() async throws {
        let storage = StorageConfiguration(environment: ProcessInfo.processInfo.environment)
        if let problem = storage.problem { throw LibrarySession.fail(problem) }
        guard let endpoint = storage.endpoint else {
            throw LibrarySession.fail(SampleTokError(.configInvalid, "Set STORAGE_TYPE=s3|r2|gcs and the bucket's variables (docs/storage.md)."))
        }
        let bytes = max(1, megabytes) << 20
        let single = S3Client(endpoint: endpoint, accessKey: storage.accessKey, secretKey: storage.secretKey, multipartThreshold: bytes + 1)
        let parts = S3Client(endpoint: endpoint, accessKey: storage.accessKey, secretKey: storage.secretKey)
        if createBucket { try await single.createBucket() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-\(UUID().uuidString)")
        let back = file.appendingPathExtension("back")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: back)
        }
        var generator = SystemRandomNumberGenerator()
        let block = Data((0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        for _ in 0..<max(1, megabytes) { handle.write(block) }
        try handle.close()

        let key = "bench/\(UUID().uuidString.lowercased())"
        print("\(megabytes) MB to \(endpoint.scheme)://\(endpoint.hostHeader)/\(endpoint.bucket), best of \(runs):")
        for (name, client) in [("one PUT", single), ("multipart (\(parts.partSize >> 20) MB parts)", parts)] {
            var best = Double.infinity
            for _ in 0..<max(1, runs) {
                let start = ContinuousClock.now
                _ = try await client.putFile(key, source: file, contentType: "application/octet-stream", cacheControl: nil)
                best = min(best, (ContinuousClock.now - start).seconds)
            }
            print(String(format: "  upload, %@: %.2f s, %.1f MB/s", name, best, Double(megabytes) / best))
        }
        var best = Double.infinity
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            try await parts.download(key, to: back)
            best = min(best, (ContinuousClock.now - start).seconds)
        }
        print(String(format: "  download: %.2f s, %.1f MB/s", best, Double(megabytes) / best))
        try await parts.delete(key)
    }
}

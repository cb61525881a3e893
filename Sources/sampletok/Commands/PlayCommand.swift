import ArgumentParser
import Engine
import Foundation
import Model
import Playback

/// `sampletok play ID`: audition a sample through PulseAudio.
struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a sample through PulseAudio (its HLS stream, or the MP3 when it has none).",
        discussion: "Prints the position as it plays and, at the end, how long the first audio took to reach PulseAudio.")

    @Argument(help: "The sample id, or its first characters.") var id: String
    @Option(help: "Start at this many seconds.") var from: Double = 0
    @Option(help: "Gain, 0–1.5.") var volume: Double = 1
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard from >= 0 else { throw ValidationError("--from must be 0 or more seconds.") }
        guard (0...1.5).contains(volume) else { throw ValidationError("--volume is between 0 and 1.5.") }
    }

    func run() async throws {
        let (id, from, volume) = (self.id, self.from, self.volume)
        let item = try await LibrarySession.run(library, demo: false) { library -> PlaybackItem in
            let sample = try await library.samples.sample(try await library.samples.id(matching: id))
            guard sample.status == .completed, let files = sample.files else {
                throw SampleTokError.sampleNotReady(sample.id.uuidString, status: sample.status)
            }
            for file in [files.hls, files.mp3].compactMap({ $0 }) {
                if let url = library.blobs.localURL(for: try BlobKey(file.key)) {
                    return file.key.hasSuffix(".m3u8") ? .hls(url) : .file(url)
                }
            }
            // A bucket: the stream from its public URL, else the MP3 copied down.
            if let hls = files.hls, let address = library.blobs.publicURL(for: try BlobKey(hls.key)), let url = URL(string: address) {
                return .hls(url)
            }
            if let mp3 = files.mp3 {
                let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-play-\(sample.id.uuidString).mp3")
                try await library.blobs.copy(try BlobKey(mp3.key), to: copy)
                return .file(copy)
            }
            throw SampleTokError(.storageMissing, "The files of sample \(id) are missing from the library.")
        }
        defer {
            if case .file(let url) = item, url.lastPathComponent.hasPrefix("sampletok-play-") { try? FileManager.default.removeItem(at: url) }
        }
        let output = try AudioDevice.open()
        let player = Player(output: output)
        player.setVolume(volume)
        player.play(item, from: from)
        var status = player.status
        while status.state == .loading || status.state == .playing {
            Terminal.status(String(format: "▶ %@ / %@", SampleText.clock(status.position), SampleText.clock(status.duration)))
            try await Task.sleep(for: .milliseconds(100))
            status = player.status
        }
        Terminal.clearStatus()
        if let error = status.error {
            FileHandle.standardError.write(Data("error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode(65)
        }
        print(String(format: "played to the end; first audio reached PulseAudio %.0f ms after play", (status.firstAudioDelay ?? 0) * 1000))
    }
}

import Analysis
import ArgumentParser
import Benchmarks
import Client
import EmbeddedClient
import Engine
import Foundation
import Media
import Model
import TUI

/// `sampletok bench tui`: the terminal app on a large library, without a terminal.
struct BenchTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Time the terminal app on a library of synthetic rows: start-up to the first full frame, "
            + "keypress to redrawn frame while scrolling and while typing a search, resident memory.",
        discussion: """
            Runs the app's state, its queries and the rendering of a full frame in this process \
            (HeadlessApp): what ncurses then writes to the terminal (only the changed cells) is not \
            included. Targets (issue #6): first frame ≤ 300 ms, keypress ≤ 10 ms, ≤ 80 MB resident \
            with 100,000 samples.
            """)

    @Option(help: "Synthetic rows.") var rows = 100_000
    @Option(help: "Key presses to time for each of scrolling and typing.") var presses = 400
    @Option(help: "Terminal size, ROWSxCOLS.") var size = "40x120"
    @Option(help: "Folder for the benchmark library (replaced).")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-tui").path

    func validate() throws {
        guard terminalSize != nil else { throw ValidationError("--size is ROWSxCOLS, e.g. 40x120.") }
        guard rows > 0, presses > 0 else { throw ValidationError("--rows and --presses must be positive.") }
    }

    private var terminalSize: (rows: Int, cols: Int)? {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ (1...1000).contains($0) }) else { return nil }
        return (parts[0], parts[1])
    }

    func run() async throws {
        MediaLog.configure()
        guard let (height, width) = terminalSize else { return }
        let root = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: root)
        var configuration = EngineConfiguration()
        configuration.home = root.appendingPathComponent("home")
        let library = try await Library.open(configuration)
        try await LibraryBenchmark.insertSynthetic(rows, into: library)
        await library.close()
        print("\(rows) synthetic samples, a \(width)×\(height) frame, \(presses) keys each")

        let start = ProcessClock.wall()
        let client = try await EmbeddedClient.open(configuration: configuration, workers: .none, demoFolder: nil)
        var app = await HeadlessApp(client: client, state: AppState(location: client.location, isLocal: true),
                                    rows: height, cols: width)
        let frame = app.screen
        let firstFrame = ProcessClock.wall() - start
        guard app.state.list.total == rows, frame.line(0).contains("samples") else {
            throw SampleTokError(.benchFailed, "The first frame does not show the library: \(frame.line(0))")
        }
        print(String(format: "start-up to the first full frame (open the library, first page, render): %.1f ms", firstFrame * 1000))

        // Scrolling: mostly single steps, a page now and then, as a person browses.
        var scrolling = Timings()
        for i in 0..<presses { try await scrolling.time(&app, i % 25 == 24 ? .pageDown : .down) }
        scrolling.report("scrolling (↓, PgDn)")

        // Typing a search: words of the synthetic titles, letter by letter, then erased.
        var typing = Timings()
        try await typing.time(&app, .character("/"))
        let words = ["kick", "loop", "vocal chop", "808 bass", "lofi piano", "amen break"]
        var index = 0
        // A search text met for the first time in this run (what issue #22's target is about:
        // the rows of a new search), apart from texts met again (erasing, the next round).
        var seen: Set<String> = []
        var fresh = Timings()
        func key(_ key: KeyPress) async throws {
            try await typing.time(&app, key)
            if let text = app.state.list.query.search, seen.insert(text).inserted { fresh.take(last: typing, text: text) }
        }
        while typing.shown.count < presses {
            let word = words[index % words.count]
            index += 1
            for character in word { try await key(.character(character)) }
            for _ in word { try await key(.backspace) }
        }
        typing.report("typing a search")
        fresh.report("typing a search, new search texts only", drawn: false)
        fresh.reportStages("typing a search, new search texts only")
        await client.close()
        print(String(format: "resident memory: %.1f MB (VmRSS; peak VmHWM %.1f MB)", memory("VmRSS"), memory("VmHWM")))
    }

    /// A `/proc/self/status` figure in MB.
    private func memory(_ field: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}

/// Key-to-frame times: the frame drawn at once (the key applied; rows not yet loaded keep the
/// previous ones), and the frame with the rows the key asked for.
private struct Timings {
    var shown: [Double] = []
    var loaded: [Double] = []
    /// Key to the frame once everything the key asked for is done (the count of a search
    /// included).
    var settled: [Double] = []
    /// The process's CPU time per key, to its frame with rows: what a key costs on a busy
    /// machine, where wall times also hold the waits for a core.
    var cpu: [Double] = []
    /// Where each key's time to its frame with rows went: the key applied and its frame drawn
    /// (`key`), each kind of effect (`loadPage`, `loadStems`, …), the state's handling of their
    /// answers (`update`), the frame with the rows (`render`).
    var stages: [[String: Double]] = []
    /// The search text after each key, where known (`take(last:text:)`).
    var texts: [String] = []

    /// Times one key.
    mutating func time(_ app: inout HeadlessApp, _ key: KeyPress) async throws {
        let before = app.seconds
        let start = ProcessClock.wall()
        let clockStart = ContinuousClock.now
        let cpuStart = ProcessClock.cpu()
        let effects = app.apply(.key(key))
        guard app.screen.rows > 0 else { throw SampleTokError(.benchFailed, "No frame.") }
        let drawn = ProcessClock.wall() - start
        shown.append(drawn)
        await app.run(effects)
        let renderStart = ProcessClock.wall()
        _ = app.screen
        let end = ProcessClock.wall()
        // The frame with the rows is drawn once they arrive; the count (and pages the rows
        // lead to) may follow. Without new rows, when everything the key asked for is done.
        let rows = app.rowsArrived.map { ($0 - clockStart).seconds } ?? (renderStart - start)
        loaded.append(rows + end - renderStart)
        settled.append(end - start)
        cpu.append(ProcessClock.cpu() - cpuStart)
        var stage = app.seconds.merging(before) { after, before in after - before }.filter { $0.value > 0 }
        stage["key"] = drawn
        stage["render"] = end - renderStart
        stages.append(stage)
    }

    /// Adds the last key timed by `other`, which left the search text `text`.
    mutating func take(last other: Timings, text: String) {
        guard let index = other.loaded.indices.last else { return }
        texts.append(text)
        loaded.append(other.loaded[index])
        settled.append(other.settled[index])
        cpu.append(other.cpu[index])
        stages.append(other.stages[index])
    }

    func report(_ label: String, drawn: Bool = true) {
        for (what, times) in [("drawn", drawn ? shown : []), ("with its rows", loaded), ("with its rows and count", settled),
                              ("with its rows and count, CPU", drawn ? cpu : [])] {
            let sorted = times.sorted()
            guard !sorted.isEmpty else { continue }
            let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
            print(String(format: "keypress to frame %@, %@ (%d keys): median %.2f ms, p95 %.2f ms, max %.2f ms",
                         what, label, sorted.count, median(sorted) * 1000, p95 * 1000, (sorted.last ?? 0) * 1000))
        }
    }

    /// Where the time to the frame with rows went, by stage: the median over every key, and the
    /// mean over the slowest 5 % (what makes the p95).
    func reportStages(_ label: String) {
        let slowest = Set(loaded.indices.sorted { loaded[$0] > loaded[$1] }.prefix(max(1, loaded.count / 20)))
        let names = Set(stages.flatMap(\.keys))
        print("  by stage, \(label) (median over every key; mean over the slowest \(slowest.count)):")
        for name in names.sorted() {
            let all = stages.map { $0[name] ?? 0 }
            let tail = slowest.map { stages[$0][name] ?? 0 }
            let padded = name.padding(toLength: 16, withPad: " ", startingAt: 0)
            print("    \(padded)" + String(format: " median %6.2f ms, slowest %6.2f ms",
                                                median(all) * 1000, tail.reduce(0, +) / Double(tail.count) * 1000))
        }
        // The five slowest texts (with 44 new texts, the third slowest is the p95).
        let named = loaded.indices.sorted { loaded[$0] > loaded[$1] }.prefix(5).compactMap { index in
            texts.indices.contains(index) ? "'\(texts[index])' " + String(format: "%.1f ms", loaded[index] * 1000) : nil
        }
        if !named.isEmpty { print("    the slowest: " + named.joined(separator: ", ")) }
    }
}

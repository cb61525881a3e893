import Analysis
import ArgumentParser
import Engine
import Foundation
import Media
import Model

/// `sampletok bench analysis --set dev.csv`: accuracy and speed of the analysis on clips with
/// known tempo and key.
struct BenchAnalysisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: "Score tempo and key estimates against a CSV of clips with known answers.",
        discussion: """
            The CSV needs the columns file, tempo_bpm, key and mode; set, style and \
            tempo_reliable are used when present. Clips are looked up next to the CSV and in a \
            folder named after it (dev.csv → dev/). Prints per-clip results, the MIREX key scores \
            (weighted, exact), tempo Accuracy1/Accuracy2 on rows with tempo_reliable=1, overall, \
            per set and per style, the accuracy above and below confidence 0.5, and the analysis \
            time per minute of audio (decoding excluded). Build with -c release for real timings.
            """)

    @Option(name: .long, help: "The CSV of clips, e.g. ../shared/eval/dev.csv.")
    var set: String

    func run() throws {
        let rows = try BenchClip.load(csv: set)
        guard !rows.isEmpty else {
            FileHandle.standardError.write(Data("error: bench.empty: '\(set)' lists no clips.\n".utf8))
            throw ExitCode.failure
        }
        var outcomes: [BenchOutcome] = []
        print("file                 set         style            tempo   est    conf a1 a2 | key        est        conf score")
        for clip in rows {
            let analysis: FileAnalysis
            do {
                analysis = try FileAnalysis.run(path: clip.path)
            } catch {
                print("\(clip.file): \(error)")
                continue
            }
            let outcome = BenchOutcome(clip: clip, analysis: analysis)
            outcomes.append(outcome)
            print(outcome.line)
        }
        BenchReport(outcomes: outcomes).print()
    }
}

/// One row of the evaluation CSV.
struct BenchClip {
    var file: String
    var path: String
    var set: String
    var style: String
    var tempo: Double
    var tempoReliable: Bool
    var key: MusicalKey

    static func load(csv: String) throws -> [BenchClip] {
        let url = URL(fileURLWithPath: csv)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            FileHandle.standardError.write(Data("error: bench.unreadable: cannot read '\(csv)'.\n".utf8))
            throw ExitCode.failure
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) else { return [] }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let fileColumn = column("file"), let tempoColumn = column("tempo_bpm"),
              let keyColumn = column("key"), let modeColumn = column("mode") else {
            FileHandle.standardError.write(Data("error: bench.columns: '\(csv)' needs file, tempo_bpm, key and mode columns.\n".utf8))
            throw ExitCode.failure
        }
        let folder = url.deletingLastPathComponent()
        let named = folder.appendingPathComponent(url.deletingPathExtension().lastPathComponent)
        return lines.dropFirst().compactMap { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard cells.count == header.count,
                  let tonic = PitchClass(name: cells[keyColumn]),
                  let scale = Scale(rawValue: cells[modeColumn].lowercased()) else { return nil }
            let file = cells[fileColumn]
            var path = named.appendingPathComponent(file).path
            if !FileManager.default.fileExists(atPath: path) { path = folder.appendingPathComponent(file).path }
            return BenchClip(
                file: file, path: path,
                set: column("set").map { cells[$0] } ?? "-",
                style: column("style").map { cells[$0] } ?? "-",
                tempo: Double(cells[tempoColumn]) ?? 0,
                tempoReliable: column("tempo_reliable").map { cells[$0] != "0" } ?? true,
                key: MusicalKey(tonic: tonic, scale: scale))
        }
    }
}

/// One clip's estimates and scores.
struct BenchOutcome {
    var clip: BenchClip
    var analysis: FileAnalysis
    var keyScore: Double { AnalysisScoring.keyScore(analysis.result.musicalKey, truth: clip.key) }
    var keyExact: Bool { keyScore == 1 }
    var tempo1: Bool { AnalysisScoring.tempoAccuracy1(analysis.result.bpm, truth: clip.tempo) }
    var tempo2: Bool { AnalysisScoring.tempoAccuracy2(analysis.result.bpm, truth: clip.tempo) }

    var line: String {
        let r = analysis.result
        let estimate = r.musicalKey.map { "\($0.tonic.name) \($0.scale == .major ? "maj" : "min")" } ?? "-"
        let truth = "\(clip.key.tonic.name) \(clip.key.scale == .major ? "maj" : "min")"
        let mark = { (ok: Bool) in clip.tempoReliable ? (ok ? "✓" : "✗") : "·" }
        return (clip.file as NSString).lastPathComponent.padded(20) + " " + clip.set.padded(11) + " " + clip.style.padded(14)
            + String(format: " %7.1f %7.1f %4.2f ", clip.tempo, r.bpm, r.bpmConfidence)
            + mark(tempo1) + "  " + mark(tempo2) + "  | " + truth.padded(10) + " " + estimate.padded(10)
            + String(format: " %4.2f %.1f", r.keyConfidence, keyScore)
    }
}

/// The summary tables of a bench run.
struct BenchReport {
    var outcomes: [BenchOutcome]

    func print() {
        Swift.print("")
        Swift.print("group                  n  key weighted  key exact | tempo n  Acc1   Acc2")
        row("all", outcomes)
        for set in Self.unique(outcomes.map(\.clip.set)) { row("set \(set)", outcomes.filter { $0.clip.set == set }) }
        for style in Self.unique(outcomes.map(\.clip.style)) { row("  \(style)", outcomes.filter { $0.clip.style == style }) }

        Swift.print("")
        Swift.print("confidence split        n  key exact  key weighted | tempo n  Acc1")
        let keyHigh = outcomes.filter { $0.analysis.result.keyConfidence > 0.5 }
        let keyLow = outcomes.filter { $0.analysis.result.keyConfidence <= 0.5 }
        let reliable = outcomes.filter(\.clip.tempoReliable)
        let tempoHigh = reliable.filter { $0.analysis.result.bpmConfidence > 0.5 }
        let tempoLow = reliable.filter { $0.analysis.result.bpmConfidence <= 0.5 }
        Swift.print(String(format: "key confidence > 0.5  %3d  %@      %@", keyHigh.count,
                           Self.rate(keyHigh.map { $0.keyExact ? 1 : 0 }) as NSString,
                           Self.rate(keyHigh.map(\.keyScore)) as NSString))
        Swift.print(String(format: "key confidence ≤ 0.5  %3d  %@      %@", keyLow.count,
                           Self.rate(keyLow.map { $0.keyExact ? 1 : 0 }) as NSString,
                           Self.rate(keyLow.map(\.keyScore)) as NSString))
        Swift.print(String(format: "bpm confidence > 0.5                                %3d  %@", tempoHigh.count,
                           Self.rate(tempoHigh.map { $0.tempo1 ? 1 : 0 }) as NSString))
        Swift.print(String(format: "bpm confidence ≤ 0.5                                %3d  %@", tempoLow.count,
                           Self.rate(tempoLow.map { $0.tempo1 ? 1 : 0 }) as NSString))

        let audio = outcomes.reduce(0) { $0 + $1.analysis.audioSeconds }
        let spent = outcomes.reduce(0) { $0 + $1.analysis.analysisSeconds }
        Swift.print("")
        Swift.print(String(format: "speed: %.1f ms of analysis per minute of audio (%.1f s of audio, %.1f ms in the sink, decoding excluded)",
                           audio > 0 ? spent * 1000 / (audio / 60) : 0, audio, spent * 1000))
    }

    private func row(_ label: String, _ group: [BenchOutcome]) {
        let reliable = group.filter(\.clip.tempoReliable)
        Swift.print(label.padded(20) + String(format: " %3d  %@         %@     | %3d    %@  %@",
                           group.count,
                           Self.rate(group.map(\.keyScore)) as NSString,
                           Self.rate(group.map { $0.keyExact ? 1 : 0 }) as NSString,
                           reliable.count,
                           Self.rate(reliable.map { $0.tempo1 ? 1 : 0 }) as NSString,
                           Self.rate(reliable.map { $0.tempo2 ? 1 : 0 }) as NSString))
    }

    private static func rate(_ values: [Double]) -> String {
        values.isEmpty ? "  -  " : String(format: "%.3f", values.reduce(0, +) / Double(values.count))
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension String {
    /// The string cut or padded with spaces to `width` characters, for aligned columns.
    func padded(_ width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}

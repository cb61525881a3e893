import Analysis
import ArgumentParser
import Engine
import Foundation
import Media
import Model

/// `sampletok analyze FILE [--json]`: tempo, key and loudness of one file.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print a file's tempo (BPM), key, Camelot code and loudness.",
        discussion: """
            Decodes the file once and analyses it. Confidences run from 0 to 1; below 0.5 treat \
            the value as a guess. With --json the fields are duration_s, bpm, bpm_confidence, key, \
            scale, key_confidence, key_alternative, camelot and loudness_lufs.
            """)

    @Argument(help: "An audio or video file.")
    var file: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let analysis: FileAnalysis
        do {
            analysis = try FileAnalysis.run(path: file)
        } catch let error as MediaError {
            FileHandle.standardError.write(Data("error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode.failure
        } catch let error as AnalysisError {
            FileHandle.standardError.write(Data("error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        let result = analysis.result
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(result)
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let uncertain = { (confidence: Double) in confidence < 0.5 ? "  (uncertain)" : "" }
        print("duration  \(String(format: "%.2f s", result.durationSeconds))")
        if result.bpm > 0 {
            print("tempo     \(String(format: "%.1f BPM", result.bpm))  confidence \(String(format: "%.2f", result.bpmConfidence))\(uncertain(result.bpmConfidence))")
        } else {
            print("tempo     none found")
        }
        if let key = result.musicalKey {
            let alternative = result.keyAlternative.map { ", or \($0)" } ?? ""
            print("key       \(key) (\(key.camelot))\(alternative)  confidence \(String(format: "%.2f", result.keyConfidence))\(uncertain(result.keyConfidence))")
        } else {
            print("key       none: no pitched sound (drums, noise or silence)")
        }
        print("loudness  \(String(format: "%.1f LUFS", result.loudnessLUFS))")
    }
}

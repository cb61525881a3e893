import Foundation
import Model
import Testing
@testable import TUI

/// `a` with what a producer types: a `~` path that is not there, a folder of loops.
@Suite struct AddSourcesTests {
    @Test("a ~ path that does not exist fails its job row (not stuck at submitting…), and r clears it")
    func missingTildePathFailsItsRow() async {
        var app = await AppHarness(client: .library(3))
        await app.press("a")
        await app.type("~/nope.wav")
        await app.press("enter")
        let jobs = app.state.layout.jobs
        let row = app.screen.line(jobs.row + 1)
        #expect(row.contains("nope.wav") && row.contains("failed"), "\(app.screen.text)")
        #expect(!row.contains("submitting"))
        #expect(!app.screen.line(jobs.row).contains("running"), "a refused submission is not counted as running")
        #expect(app.state.jobs.rows.allSatisfy { $0.state != .active })
        await app.press("r")
        #expect(app.screen.text.contains("no jobs"))
    }

    @Test("a with a folder imports its media files, says how many were found, and follows each new one")
    func folderIsImported() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["kick.wav", "snare.wav", "notes.txt"] { try Data().write(to: folder.appendingPathComponent(name)) }
        var app = await AppHarness(client: .library(2), rows: 30, cols: 120)
        await app.press("a")
        await app.type(folder.path)
        await app.press("enter")
        let status = app.screen.line(app.screen.rows - 1)
        #expect(status.contains("3 files found, 2 new, 1 refused"), "\(status)")
        #expect(!app.screen.text.contains("No file at"))
        #expect(app.screen.line(0).contains("4 samples"))
        #expect(app.screen.text.contains("kick") && app.screen.text.contains("snare"))
        let rows = app.state.jobs.rows
        #expect(rows.contains { $0.source == folder.path && $0.state == .done && $0.message == "3 files found, 2 new" })
        #expect(rows.filter { $0.sampleID != nil && $0.state == .done }.count == 2, "each new file was followed to the end")
        #expect(app.state.messageLog.entries.contains { $0.text.contains("notes.txt") && $0.text.contains("Not audio. [media.unreadable]") })
    }

    @Test("an empty folder fails its row and says there was nothing to import")
    func emptyFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var app = await AppHarness(client: .library(2))
        await app.press("a")
        await app.type(folder.path)
        await app.press("enter")
        #expect(app.screen.line(app.screen.rows - 1).contains("No audio or video file"))
        #expect(app.state.jobs.rows.first?.state == .failed)
    }

    @Test("errors lead with the sentence, the code follows in brackets")
    func errorsLeadWithTheSentence() {
        var jobs = JobsState()
        let id = UUID()
        jobs.submitted("https://example.com/v", sample: id)
        let error = SampleTokError(code: "media.unreadable", message: "The file is not audio or video.")
        let row = jobs.progress(ProgressEvent(sampleID: id, step: "process", fraction: 0, message: "failed", status: .failed,
                                              error: error), at: 1)
        #expect(row?.message == "The file is not audio or video. [media.unreadable]")
        #expect(StemDialog.explain(SampleTokError(code: "x.y", message: "Nope.")) == "Nope. [x.y]")
    }
}

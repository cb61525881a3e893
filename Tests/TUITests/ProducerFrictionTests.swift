import Foundation
import Model
import Testing
@testable import TUI

/// Issue 23's friction points, on the grid: export choices, delete and retry, search chips,
/// sorts, key spelling, wide terminals, the clipboard.
@Suite struct ProducerFrictionTests {
    private func tempFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("exporting over a file asks: keep both writes name (2), cancel leaves it; the format is remembered; the count moves at once")
    func exportAsksBeforeOverwriting() async throws {
        let folder = try tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var app = await AppHarness(client: .library(2), rows: 30, cols: 120)
        await app.press("d", "right", "tab", "ctrl-u")
        await app.type(folder.path)
        await app.press("enter")
        #expect(app.screen.text.contains("exported 1 time"), "the detail pane counts the export at once")
        #expect(app.state.settings.exportFormat == .mp3)
        await app.press("d")
        #expect(app.screen.text.contains("‹ mp3 ›"), "the last format is offered first")
        await app.press("enter")
        #expect(app.screen.text.contains("is already in"))
        #expect(app.screen.text.contains("‹ overwrite ›"))
        await app.press("right", "enter")
        let name = "sample 0 - 80 BPM - A minor"
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name) (2).mp3").path))
        #expect(app.screen.text.contains("exported 2 times"))
        await app.press("d", "enter", "left", "enter")
        #expect(app.state.message?.text.contains("export cancelled") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name) (3).mp3").path))
        await app.press("Y")
        #expect(app.effects.last == .copyToClipboard(folder.appendingPathComponent("\(name) (2).mp3").path))
        #expect(Clipboard.sequence("/a b") == "\u{1B}]52;c;L2EgYg==\u{07}")
    }

    @Test("x asks, then deletes the sample; R retries a failed one")
    func deleteAndRetry() async throws {
        let failed = FakeClient.sample(title: "broken clip", status: .failed, created: Date(timeIntervalSince1970: 1_800_000_000))
        let client = FakeClient.library(2)
        client.add(failed)
        var app = await AppHarness(client: client, rows: 30, cols: 120)
        #expect(app.state.selected?.id == failed.id)
        await app.press("x")
        #expect(app.screen.text.contains("Delete broken clip and its files?"))
        await app.press("enter")
        #expect(app.screen.line(0).contains("3 samples"), "keep is the default answer")
        await app.press("R")
        #expect(app.effects.contains(.retry(failed.id)))
        #expect(app.state.message?.text.contains("queued again") == true)
        await app.press("x", "right", "enter")
        #expect(app.effects.contains(.delete(failed.id, title: "broken clip")))
        #expect(app.screen.line(0).contains("2 samples"))
        #expect(!app.screen.line(2).contains("broken clip") && app.state.message?.text == "Deleted broken clip and its files")
    }

    @Test("a search's tempo and key are chips in the header and filter the list")
    func searchChips() async {
        var app = await AppHarness(client: .library(40), rows: 30, cols: 160)
        await app.press("/")
        await app.type("sample 100 Am")
        await app.press("enter")
        let header = app.screen.line(0)
        #expect(header.contains("/ sample") && header.contains("⟨bpm 97-103⟩") && header.contains("⟨key Am⟩"), "\(header)")
        // 97–103 BPM in A minor: samples 18 and 20 and 22 (80 + i, even i).
        #expect(header.contains("3 samples"), "\(header)")
        let syntax = SearchSyntax(parsing: "dark 140 Fm 120-128 8A Bb C")
        #expect(syntax.text == "dark C")
        #expect(syntax.filters.bpmMin == 120 && syntax.filters.bpmMax == 128)
        #expect(syntax.filters.key == MusicalKey(tonic: .aSharp, scale: .major))
        #expect(SearchSyntax(parsing: "140").filters.bpmMin == 137)
        #expect(SearchSyntax(parsing: "8A").filters.key == MusicalKey(tonic: .a, scale: .minor))
        #expect(SearchSyntax(parsing: "2024 am 808 take 299").text == "2024 am 808 take 299", "other numbers and a lowercase am are words")
    }

    @Test("o sorts by key and Camelot, O reverses; the sort, the filters and the selection come back next time")
    func sortsAreRemembered() async throws {
        let folder = try tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("settings.toml")
        let client = FakeClient.library(4)
        var app = await AppHarness(client: client, settingsFile: file)
        for _ in 0..<6 { await app.press("o") }
        #expect(app.state.list.query.sort == .key)
        #expect(app.screen.line(2).contains(" C 8B"), "C major comes first on the circle of fifths: \(app.screen.line(2))")
        await app.press("O")
        #expect(app.screen.line(0).contains("sort key ↑"))
        #expect(app.screen.line(2).contains("Am 8A"))
        await app.press("j")
        let selected = try #require(app.state.selected?.id)
        try app.state.rememberedSettings.save(to: file)
        let (settings, problems) = AppSettings.load(from: file)
        #expect(problems.isEmpty)
        #expect(settings.sort == .key && settings.reverse && settings.selected == selected)
        let next = await AppHarness(client: client, settings: settings)
        #expect(next.state.list.query.sort == .key && next.state.list.query.reverse == true)
        #expect(next.state.selected?.id == selected)
    }

    @Test("keys are spelled with flats where the key is a flat key; notation in settings.toml changes it")
    func flatKeys() async {
        let client = FakeClient([FakeClient.sample(title: "dark", key: MusicalKey(tonic: .aSharp, scale: .minor)),
                                 FakeClient.sample(title: "bright", key: MusicalKey(tonic: .fSharp, scale: .major))])
        let app = await AppHarness(client: client, rows: 30, cols: 120)
        #expect(app.screen.text.contains("Bbm 3A") && app.screen.text.contains("F# 2B"))
        let sharps = await AppHarness(client: client, rows: 30, cols: 120, settings: AppSettings.parse("notation = \"sharps\"").settings)
        #expect(sharps.screen.text.contains("A#m 3A"))
        let flats = await AppHarness(client: client, rows: 30, cols: 120, settings: AppSettings.parse("notation = \"flats\"").settings)
        #expect(flats.screen.text.contains("Gb 2B"))
    }

    @Test("at 200 columns the detail pane and its waveform take the room, not the title column")
    func wideTerminals() async {
        let app = await AppHarness(client: .library(3), rows: 50, cols: 200)
        let layout = app.state.layout
        #expect(layout.detail.width == 100)
        #expect(SampleListView.Columns(width: layout.list.width).title < 70)
    }
}

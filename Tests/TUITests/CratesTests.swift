import Foundation
import Model
import Testing
@testable import TUI

@Suite("stars and crates in the app (*, F, +)")
struct CratesTests {
    /// The screen line of the row titled `title`.
    static func row(_ app: AppHarness, _ title: String) -> String {
        app.screen.text.split(separator: "\n").first { $0.contains(title + " ") && $0.contains("0:12") }.map(String.init) ?? ""
    }

    @Test("* stars the selected sample (a mark in its row, kept by the library) and takes the star off again")
    func starToggles() async throws {
        let client = FakeClient.library(3)
        var app = await AppHarness(client: client, cols: 100)
        await app.press("j", "*")
        let second = try #require(app.state.selected)
        #expect(app.effects.contains(.setStar(second.id, starred: true)))
        #expect(try await client.stars() == [second.id])
        #expect(Self.row(app, "sample 1").contains("★"), "\(Self.row(app, "sample 1"))")
        #expect(!Self.row(app, "sample 0").contains("★"))
        #expect(app.screen.text.contains("starred sample 1"))
        await app.press("*")
        #expect(try await client.stars().isEmpty)
        #expect(!Self.row(app, "sample 1").contains("★"))
    }

    @Test("stars the library already holds are marked from the start; ASCII terminals get *")
    func starsLoadAtStart() async throws {
        let client = FakeClient.library(2)
        let first = try #require(try await client.list(SampleQuery()).items.first)
        _ = try await client.setStar(first.id.uuidString, true)
        let app = await AppHarness(client: client, cols: 100, glyphs: .ascii)
        #expect(app.state.crates.isStarred(first.id))
        #expect(Self.row(app, "sample 0").hasPrefix(" *sample 0"), "\(Self.row(app, "sample 0"))")
    }

    @Test("F lists the starred samples only (the header says so); unstarring one there takes it off; F again lists every one")
    func starredOnly() async throws {
        let client = FakeClient.library(4)
        var app = await AppHarness(client: client, cols: 100)
        await app.press("j", "*", "j", "*")
        await app.press("F")
        #expect(app.state.list.query.starred == true)
        #expect(app.state.list.total == 2)
        #expect(app.screen.text.contains("starred"))
        #expect(!app.screen.text.contains("sample 0") && app.screen.text.contains("sample 1") && app.screen.text.contains("sample 2"))
        await app.press("g", "*")
        #expect(app.state.list.total == 1, "the unstarred sample leaves the starred list")
        await app.press("F")
        #expect(app.state.list.query.starred == nil)
        #expect(app.state.list.total == 4)
    }

    @Test("F is remembered: saved in the settings, and the next start lists the starred samples only")
    func starredOnlyRemembered() async throws {
        let client = FakeClient.library(4)
        var app = await AppHarness(client: client, cols: 100)
        await app.press("j", "*", "F")
        let saved = app.effects.reversed().compactMap { effect -> AppSettings? in
            if case .saveSettings(let settings) = effect { return settings } else { return nil }
        }.first
        let settings = try #require(saved)
        #expect(settings.starredOnly)
        let (parsed, problems) = AppSettings.parse(settings.text)
        #expect(problems.isEmpty && parsed.starredOnly)
        let next = await AppHarness(client: client, cols: 100, settings: parsed)
        #expect(next.state.list.query.starred == true)
        #expect(next.state.list.total == 1)
        #expect(next.screen.text.contains("starred"))
    }

    @Test("+ makes a crate for the sample when there is none, then offers the crate last added to; the samples keep their order")
    func addToCrates() async throws {
        let client = FakeClient.library(3)
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("+")
        #expect(app.screen.text.contains("Add sample 0 to a crate"))
        await app.press("enter")
        #expect(app.screen.text.contains("Type a name for the new crate"), "an empty name is refused in the dialog")
        await app.type("late night")
        await app.press("enter")
        #expect(app.state.dialog == nil)
        #expect(app.screen.text.contains("added sample 0 to late night (1 sample)"))

        await app.press("j", "j", "+")
        #expect(app.state.dialog?.fields.first?.value == "late night", "the crate last added to comes first")
        await app.press("enter")
        #expect(app.screen.text.contains("added sample 2 to late night (2 samples)"))
        let crate = try await client.crate("late night")
        #expect(crate.items?.compactMap(\.sample.title) == ["sample 0", "sample 2"])

        // A second crate: ← / → reach "new crate…", a name makes it.
        await app.press("k", "+", "right")
        #expect(app.state.dialog?.fields.first?.value == AppState.newCrateChoice)
        await app.press("tab")
        await app.type("keepers")
        await app.press("enter")
        #expect(try await client.crates().map(\.name) == ["keepers", "late night"])
        #expect(try await client.crate("keepers").items?.compactMap(\.sample.title) == ["sample 1"])
        await app.press("+")
        #expect(app.state.dialog?.fields.first?.choices == ["keepers", "late night", AppState.newCrateChoice])
        await app.press("esc")
        #expect(app.state.dialog == nil)
    }

    @Test("a name already taken is that crate; a name the library refuses is shown; the help lists *, F and +")
    func refusalsAndHelp() async throws {
        let client = FakeClient.library(1)
        _ = try await client.createCrate(named: "Taken")
        var app = await AppHarness(client: client, rows: 40, cols: 100)
        await app.press("+", "right", "tab")
        await app.type("taken")
        await app.press("enter")
        #expect(app.screen.text.contains("added sample 0 to Taken (1 sample)"), "\(app.screen.text)")
        #expect(try await client.crates().map(\.name) == ["Taken"])
        await app.press("+", "right", "tab")
        await app.type(String(repeating: "x", count: 101))
        await app.press("enter")
        #expect(app.screen.text.contains("A crate name is 1 to 100 characters"), "\(app.screen.text)")
        await app.press("?")
        let help = app.screen.text
        #expect(help.contains("star / unstar") && help.contains("starred only / all") && help.contains("add to a crate"))
        let entries = HelpOverlay.entries(app.state)
        #expect(entries.contains { $0.keys == "*" && $0.summary.hasPrefix("star") })
        #expect(entries.contains { $0.keys == "F" && $0.summary.hasPrefix("starred") })
        #expect(entries.contains { $0.keys == "+ / C" && $0.summary == "add to a crate / crates" })
        #expect(entries.contains { $0.keys == "= / -" && $0.summary == "volume up / down" })
    }
}

@Suite("the crates panel (C)")
struct CratesPanelTests {
    /// A library of four samples with the crate `set` holding samples 0, 1 and 2 in that order.
    static func setUp() async throws -> (FakeClient, AppHarness) {
        let client = FakeClient.library(4)
        let samples = try await client.list(SampleQuery()).items
        _ = try await client.createCrate(named: "set")
        for sample in samples.prefix(3) { _ = try await client.addToCrate("set", sample: sample.id.uuidString, at: nil) }
        _ = try await client.createCrate(named: "empty")
        let app = await AppHarness(client: client, rows: 30, cols: 100)
        return (client, app)
    }

    @Test("C lists the crates; Enter opens one to its samples; J/K move a sample, x takes it out; Esc goes back, C closes")
    func reorderAndRemove() async throws {
        var (client, app) = try await Self.setUp()
        await app.press("C")
        var text = app.screen.text
        #expect(text.contains("empty  0 samples") && text.contains("set  3 samples"), "\(text)")
        await app.press("j", "enter")
        text = app.screen.text
        #expect(text.contains("crate: set") && text.contains("1. sample 0") && text.contains("3. sample 2"), "\(text)")
        await app.press("J")
        #expect(try await client.crate("set").items?.compactMap(\.sample.title) == ["sample 1", "sample 0", "sample 2"])
        #expect(app.screen.text.contains("1. sample 1") && app.state.cratesPanel?.selectedItem?.sample.title == "sample 0",
                "the cursor follows the moved sample")
        await app.press("j", "K", "K")
        #expect(try await client.crate("set").items?.compactMap(\.sample.title) == ["sample 2", "sample 1", "sample 0"])
        await app.press("x")
        #expect(try await client.crate("set").items?.compactMap(\.sample.title) == ["sample 1", "sample 0"])
        #expect(app.screen.text.contains("2. sample 0") && app.state.cratesPanel?.open?.items?.count == 2)
        await app.press("esc")
        #expect(app.state.cratesPanel?.open == nil)
        #expect(app.screen.text.contains("set  2 samples"), "the list shows the new count")
        await app.press("C")
        #expect(app.state.cratesPanel == nil)
    }

    @Test("x on a crate asks once, x again deletes it (its samples stay); any other key cancels")
    func deleteCrate() async throws {
        var (client, app) = try await Self.setUp()
        await app.press("C", "j", "x")
        #expect(app.screen.text.contains("again deletes it"))
        await app.press("k", "j")
        #expect(!app.screen.text.contains("again deletes it"), "another key cancels")
        await app.press("x", "x")
        #expect(try await client.crates().map(\.name) == ["empty"])
        #expect(app.screen.text.contains("deleted the crate set"))
        #expect(try await client.list(SampleQuery()).total == 4)
        await app.press("esc", "?")
        #expect(HelpOverlay.entries(app.state).contains { $0.keys.hasSuffix("/ C") && $0.summary.hasSuffix("crates") })
    }
}

extension CratesPanelTests {
    @Test("n renames the crate under the cursor: an empty name is refused in the dialog, the new name shows in the panel")
    func renameCrate() async throws {
        var (client, app) = try await Self.setUp()
        await app.press("C", "j", "n")
        #expect(app.screen.text.contains("Rename the crate set"), "\(app.screen.text)")
        await app.press("ctrl-u", "enter")
        #expect(app.screen.text.contains("Type the crate's new name."))
        await app.type("Late night")
        await app.press("enter")
        #expect(try await client.crates().map(\.name).sorted() == ["Late night", "empty"])
        #expect(app.state.message?.text == "renamed the crate set to Late night")
        #expect(app.screen.text.contains("Late night"))
    }
}

@Suite("exporting a crate from the app (C, d)")
struct CrateExportKeyTests {
    @Test("d on a crate asks for the format and folder, then writes its samples in order and crate.m3u8; the playlist's path goes to the clipboard")
    func exportsACrate() async throws {
        var (_, app) = try await CratesPanelTests.setUp()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crate-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        await app.press("C", "j", "d")
        #expect(app.screen.text.contains("Export the crate set (3 samples, with crate.m3u8)"))
        await app.press("tab", "ctrl-u")
        await app.type(folder.path)
        await app.press("enter")
        let playlist = folder.appendingPathComponent("crate.m3u8").path
        #expect(app.effects.contains(.copyToClipboard(playlist)))
        #expect(app.screen.text.contains("exported set: 3 files and crate.m3u8"), "\(app.screen.text)")
        let lines = try String(contentsOfFile: playlist, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "#EXTM3U" && lines.count == 7)
        #expect(lines[1].hasSuffix("beatsbyx - sample 0") && lines[2].hasPrefix("1 sample 0") == false && lines[2].hasPrefix("01 sample 0"))
    }
}

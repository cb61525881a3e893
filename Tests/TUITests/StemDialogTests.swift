import Foundation
import Model
import Testing
@testable import TUI

/// The stem dialog (`s`) drawn in the in-memory canvas: its check boxes, disabled types with the
/// reason, the provider, the cost against the balance, and every refusal explained inside it.
@Suite("the stem dialog (s)")
struct StemDialogTests {
    /// The dialog's text: the columns of its box, row by row, joined with spaces (so a sentence
    /// wrapped over two lines reads whole).
    func dialogText(_ screen: Canvas) -> String {
        let width = min(screen.cols, 76)
        let left = (screen.cols - width) / 2
        return (0..<screen.rows).map { row in
            String(screen.line(row).dropFirst(left + 1).prefix(width - 2))
        }.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    /// Presses `down` or `up` until the focus is on `type` (the focus stops at the ends).
    func focus(_ type: StemType, in app: inout AppHarness) async {
        let target = 1 + (StemType.allCases.firstIndex(of: type) ?? 0)
        while let focus = app.state.stemDialog?.focus, focus != target { await app.press(focus < target ? "down" : "up") }
    }

    @Test("s shows every stem type with a box, the unavailable ones with the reason, the provider, the cost and balance as boxes toggle; Enter asks and closes")
    func checksAndAsks() async throws {
        let client = FakeClient.library(3)
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("s")
        var text = dialogText(app.screen)
        #expect(text.contains("Stems of sample 0"), "\(text)")
        #expect(text.contains("provider ‹ local (offline) ›"), "\(text)")
        #expect(text.contains("[ ] drum") && text.contains("[ ] vocal estimate") && text.contains("[ ] bass estimate"), "\(text)")
        for type in ["voice", "piano", "electric guitar", "acoustic guitar", "synthesizer", "strings", "wind"] {
            #expect(text.contains("[-] \(type) unavailable: needs a learned model"), "\(type): \(text)")
        }
        #expect(text.contains("0 stems × 2 credits = 0 credits · balance 10 credits · at most 5"), "\(text)")

        await focus(.drum, in: &app)
        await app.press("space")
        #expect(dialogText(app.screen).contains("[x] drum"))
        #expect(dialogText(app.screen).contains("1 stem × 2 credits = 2 credits · balance 10 credits"))
        await focus(.bass, in: &app)
        await app.press("space")
        #expect(dialogText(app.screen).contains("2 stems × 2 credits = 4 credits"))
        await app.press("space")
        #expect(dialogText(app.screen).contains("[ ] bass") && dialogText(app.screen).contains("1 stem × 2 credits = 2 credits"))

        // A disabled type stays unchecked and says why; the focused one's reason is spelled out.
        await focus(.piano, in: &app)
        await app.press("space")
        text = dialogText(app.screen)
        #expect(text.contains("[-] piano"))
        #expect(text.contains("local (offline) cannot make the piano stem: needs a learned model: choose LALAL.AI."), "\(text)")

        let sample = try #require(app.state.selected)
        await app.press("enter")
        #expect(app.effects.contains(.requestStems(sample.id, [.drum], provider: "local")))
        #expect(app.state.stemDialog == nil)
        #expect(client.balance.withLock { $0 } == 8)
        // The jobs pane followed the stem job to its end.
        let jobs = app.state.layout.jobs
        let row = app.screen.line(jobs.row + 1)
        #expect(row.contains("stems drum of sample 0") && row.contains("done") && row.contains("100%"), "\(row)")
        #expect(row.contains("stems ready under the sample"), "\(row)")
    }

    @Test("what can be checked before sending is refused in the dialog, which stays open: nothing checked, not enough credits, too many stems, provider not configured")
    func refusesBeforeSending() async {
        let client = FakeClient.library(2)
        client.balance.withLock { $0 = 2 }
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("s", "enter")
        #expect(dialogText(app.screen).contains("Check at least one stem type (space checks the focused one)."))

        await focus(.drum, in: &app)
        await app.press("space")
        await focus(.vocal, in: &app)
        await app.press("space")
        await app.press("enter")
        var text = dialogText(app.screen)
        #expect(text.contains("2 stems × 2 credits = 4 credits · balance 2 credits"), "\(text)")
        #expect(text.contains("Not enough credits: this costs 4 credits and your balance is 2. Uncheck a stem, or ask an administrator to add credits"), "\(text)")
        #expect(app.state.stemDialog != nil)

        // LALAL.AI, not configured: shown with the reason, and refused with what to do.
        await app.press("right")
        text = dialogText(app.screen)
        #expect(text.contains("‹ LALAL.AI › not configured") && text.contains("set LALAL_API_KEY"), "\(text)")
        #expect(text.contains("Unchecked vocal, drum: LALAL.AI cannot make them."), "\(text)")
        #expect(text.contains("[-] drum unavailable: set LALAL_API_KEY"), "\(text)")
        await app.press("enter")
        #expect(dialogText(app.screen).contains("Provider not configured: LALAL.AI is not available here (set LALAL_API_KEY). Choose another provider with ←/→."))

        // Configured, it makes every type, at most 5 a request.
        client.lalalConfigured.withLock { $0 = true }
        client.balance.withLock { $0 = 100 }
        await app.press("esc", "s")
        await app.press("right")
        for _ in 0..<6 {
            await app.press("down", "space")
        }
        await app.press("enter")
        text = dialogText(app.screen)
        #expect(text.contains("6 stems × 2 credits = 12 credits · balance 100 credits"), "\(text)")
        #expect(text.contains("Too many stems: at most 5 per request and 6 are checked. Uncheck 1, or split them over two requests."), "\(text)")
        #expect(!app.effects.contains { if case .requestStems = $0 { return true } else { return false } })
        #expect(client.madeStemJobs.withLock { $0.isEmpty })
        await app.press("esc")
        #expect(app.state.stemDialog == nil)
    }

    @Test("the library's refusals come back into the open dialog with what to do", arguments: [
        (SampleTokError(code: "rate.limited", message: "Too many requests: at most 5 a minute. Try again in 12 s."),
         "Rate limited: Too many requests: at most 5 a minute. Try again in 12 s."),
        (SampleTokError.insufficientCredits(cost: 2, balance: 1),
         "Not enough credits: This costs 2 credits and your balance is 1. An administrator adds credits"),
        (SampleTokError(code: "stems.too_many", message: "At most 5 stems per request; you asked for 6. Split them over two requests."),
         "Too many stems: At most 5 stems per request; you asked for 6."),
        (SampleTokError(code: "stems.provider_unconfigured", message: "The stem provider 'lalal' is not available here: set LALAL_API_KEY."),
         "Provider not configured: The stem provider 'lalal' is not available here: set LALAL_API_KEY. Choose another provider with ←/→."),
        (SampleTokError(code: "stems.unsupported", message: "The local provider cannot make the vocal stem: mono."),
         "Stem type not supported: The local provider cannot make the vocal stem: mono. Uncheck it, or choose another provider."),
    ])
    func showsRefusals(refusal: SampleTokError, shown: String) async {
        let client = FakeClient.library(1)
        client.stemRefusal.withLock { $0 = refusal }
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("s")
        await focus(.drum, in: &app)
        await app.press("space", "enter")
        #expect(app.state.stemDialog?.isSending == false)
        let text = dialogText(app.screen)
        #expect(text.contains(shown), "\(text)")
        #expect(app.state.jobs.rows.isEmpty)
        #expect(client.balance.withLock { $0 } == 10)
    }

    @Test("stems the user has are marked [=] and ones on their way [~], for the chosen provider only; neither can be checked; the library's stems.already_requested is explained")
    func marksOwnedAndInFlight() async throws {
        let client = FakeClient.library(2)
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("s")
        await focus(.drum, in: &app)
        await app.press("space", "enter")
        #expect(client.balance.withLock { $0 } == 8)
        // The drum stem is done; a bass stem is still on its way.
        let sample = try #require(app.state.selected)
        let now = Date(timeIntervalSince1970: 1_700_000_200)
        let jobID = UUID()
        let waiting = StemJob(id: jobID, sampleID: sample.id, userID: FakeClient.userID, provider: "local", requested: [.bass], status: .processing,
                              cost: 2, stems: [Stem(id: UUID(), stemJobID: jobID, sampleID: sample.id, type: .bass, status: .pending,
                                                    estimate: true, createdAt: now)], createdAt: now, updatedAt: now)
        client.madeStemJobs.withLock { $0.insert(waiting, at: 0) }
        // Another user's vocal stem (an admin's list shows it) is not the user's.
        let theirs = UUID()
        let other = StemJob(id: theirs, sampleID: sample.id, userID: UUID(), provider: "local", requested: [.vocal], status: .completed,
                            cost: 2, stems: [Stem(id: UUID(), stemJobID: theirs, sampleID: sample.id, type: .vocal, status: .completed,
                                                  estimate: true, createdAt: now)], createdAt: now, updatedAt: now)
        client.madeStemJobs.withLock { $0.append(other) }

        await app.press("s")
        var text = dialogText(app.screen)
        #expect(text.contains("[=] drum you have it"), "\(text)")
        #expect(text.contains("[~] bass on its way"), "\(text)")
        #expect(text.contains("[ ] vocal estimate"), "another user's vocal stem is not yours: \(text)")
        await focus(.drum, in: &app)
        await app.press("space")
        text = dialogText(app.screen)
        #expect(text.contains("You already have the drum stem from local (offline): export it from its row (d)."), "\(text)")
        #expect(app.state.stemDialog?.checked.isEmpty == true)
        await focus(.bass, in: &app)
        await app.press("space")
        #expect(dialogText(app.screen).contains("The bass stem from local (offline) is already on its way."))
        #expect(app.state.stemDialog?.checked.isEmpty == true)

        // Another provider has made neither: its boxes are plain.
        client.lalalConfigured.withLock { $0 = true }
        await app.press("esc", "s", "right")
        text = dialogText(app.screen)
        #expect(text.contains("[ ] drum") && text.contains("[ ] bass"), "\(text)")

        // A refusal from the library (another client asked meanwhile) is explained in the dialog.
        client.stemRefusal.withLock { $0 = SampleTokError.stemsAlreadyRequested([.drum], provider: "lalal") }
        await focus(.drum, in: &app)
        await app.press("space", "enter")
        text = dialogText(app.screen)
        #expect(text.contains("Already asked for: You already have (or have asked for) the drum stem of this sample from lalal: nothing was charged."), "\(text)")
        #expect(client.balance.withLock { $0 } == 8)
    }

    @Test("only completed samples open it; it draws at small sizes and in ASCII without leaving the grid")
    func smallAndNotReady() async {
        var pending = await AppHarness(client: FakeClient([FakeClient.sample(title: "half done", status: .processing)]))
        await pending.press("s")
        #expect(pending.state.stemDialog == nil)
        #expect(pending.screen.line(23).contains("half done is working: stems can be made once it is ready"))
        for (rows, cols) in [(15, 60), (24, 80), (1, 1), (200, 40)] {
            var app = await AppHarness(client: .library(2), rows: rows, cols: cols, glyphs: .ascii)
            await app.press("s", "down", "space", "enter")
            #expect(app.screen.rows == rows && app.screen.cols == cols)
        }
        var ascii = await AppHarness(client: .library(2), rows: 24, cols: 80, glyphs: .ascii)
        await ascii.press("s")
        #expect(dialogText(ascii.screen).contains("provider < local (offline) >"))
        #expect(dialogText(ascii.screen).contains("0 stems x 2 credits = 0 credits"))
    }

    @Test("a tempo detected with low confidence is marked with ? in the list and the pane, like a key")
    func lowTempoConfidence() async {
        var tone = FakeClient.sample(title: "pure tone", bpm: 216)
        tone.analysis?.bpmConfidence = 0.2
        let app = await AppHarness(client: FakeClient([tone]), rows: 24, cols: 120)
        #expect(app.screen.line(2).contains("0:12 216? Am 8A"), "\(app.screen.line(2))")
        #expect(app.screen.text.contains("216 BPM?"))
    }

    @Test("switching the provider and back keeps your picks; the focus stops at the first and the last row")
    func picksSurviveProviderSwitches() async throws {
        let client = FakeClient.library(2)
        client.lalalConfigured.withLock { $0 = true }
        client.balance.withLock { $0 = 100 }
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("s")
        // Up at the top stays on the provider; down past the last type stays on it.
        await app.press("up", "k")
        #expect(app.state.stemDialog?.focus == 0)
        for _ in 0..<(StemType.allCases.count + 3) { await app.press("down") }
        #expect(app.state.stemDialog?.focus == StemType.allCases.count)
        #expect(app.state.stemDialog?.focusedType == StemType.allCases.last)

        await focus(.drum, in: &app)
        await app.press("space")
        await app.press("right")
        #expect(dialogText(app.screen).contains("‹ LALAL.AI ›"))
        await focus(.piano, in: &app)
        await app.press("space")
        #expect(app.state.stemDialog?.checked == [.drum, .piano])
        // local cannot make piano: unchecked there...
        await app.press("left")
        var text = dialogText(app.screen)
        #expect(text.contains("Unchecked piano: local (offline) cannot make it."), "\(text)")
        #expect(text.contains("[x] drum") && text.contains("[-] piano"), "\(text)")
        // ...and checked again back on LALAL.AI.
        await app.press("right")
        text = dialogText(app.screen)
        #expect(app.state.stemDialog?.checked == [.drum, .piano])
        #expect(text.contains("[x] drum") && text.contains("[x] piano"), "\(text)")
        // Unchecking a pick forgets it.
        await app.press("space", "left", "right")
        #expect(app.state.stemDialog?.checked == [.drum])
    }
}

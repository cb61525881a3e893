import Foundation
import Model
import Testing
@testable import TUI

/// Who runs each effect: the player's commands at once and in order, the client's calls and the
/// settings file as tasks (issue 20.5: decided in one place).
@Suite("effects by who runs them")
struct EffectRunnerTests {
    @Test("the player's commands and leaving run at once; client calls and saving the settings do not")
    func immediateEffects() {
        let sample = FakeClient.sample(title: "loop")
        let player: [Effect] = [.preload(.sample(sample)), .play(.sample(sample), from: 0), .togglePause, .seek(2),
                                .seekTo(1), .setVolume(0.5), .stop]
        for effect in player {
            #expect(effect.runner == .player)
            #expect(effect.isImmediate)
        }
        #expect(Effect.quit.runner == .app && Effect.quit.isImmediate)
        #expect(Effect.saveSettings(AppSettings()).runner == .settings && !Effect.saveSettings(AppSettings()).isImmediate)
        let client: [Effect] = [.loadJobs, .loadPeaks(sample.id), .submit("https://example.com/v"), .watch(sample.id),
                                .loadStems(sample.id), .loadStemCatalog, .loadAccount, .loadCollections]
        for effect in client {
            #expect(effect.runner == .client)
            #expect(!effect.isImmediate)
        }
    }
}

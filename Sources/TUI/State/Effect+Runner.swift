/// Who runs each effect, and so whether it runs at once: the one place that decides it
/// (`EffectRunner` and `AppLoop` read it).
extension Effect {
    /// Who runs an effect.
    public enum Runner: Sendable, Equatable {
        /// The library client (`SampleTokClient`): a task each, answered with events.
        case client
        /// The player (`AudioDeck`): at once and in order, on the app's thread.
        case player
        /// The settings file: a task, answered with `.settingsSaved` or `.settingsFailed`.
        case settings
        /// The app's loop itself (leaving, the terminal's clipboard): at once; the runner has nothing to do.
        case app
    }

    /// Who runs this effect.
    public var runner: Runner {
        switch self {
        case .loadPage, .loadSimilar, .loadCount, .prepareSearch, .loadPeaks, .submit, .watch, .loadJobs, .export, .delete, .retry, .loadCollections, .loadCollection,
             .createCollection, .loadStemCatalog, .loadAccount, .requestStems, .watchStems, .loadStems, .loadListedStems, .loadStemPeaks,
             .loadStars, .setStar, .loadCrates, .addToCrate, .addToNewCrate, .loadCrate, .moveInCrate, .removeFromCrate, .renameCrate, .deleteCrate,
             .exportCrate:
            return .client
        case .preload, .play, .playLoop, .setLoop, .setSync, .togglePause, .seek, .seekTo, .setVolume, .stop:
            return .player
        case .saveSettings:
            return .settings
        case .quit, .copyToClipboard:
            return .app
        }
    }

    /// Whether it must run at once, in order, on the app's thread (the player's commands, and
    /// leaving) rather than as a task.
    public var isImmediate: Bool {
        switch runner {
        case .player, .app: return true
        case .client, .settings: return false
        }
    }

    /// The list generation a page load (of the library or of a sample's neighbours) belongs to:
    /// a newer one cancels it.
    public var listGeneration: Int? {
        switch self {
        case .loadPage(_, let generation), .loadSimilar(_, _, let generation), .loadCount(_, let generation): return generation
        default: return nil
        }
    }
}

extension Effect {
    /// The effect's case name (`loadPage`, `loadStems`, …), for timings by kind.
    public var name: String {
        Mirror(reflecting: self).children.first?.label ?? String(describing: self)
    }
}

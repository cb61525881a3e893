import Foundation
import Model

extension AppState {
    /// `s`: opens the stem dialog on the selected sample and asks for the catalog and the balance.
    mutating func openStemDialog() -> [Effect] {
        guard let sample = selected else { return [] }
        guard sample.status == .completed else {
            show(error: "\(SampleFormat.title(sample)) is \(SampleFormat.status(sample.status)): stems can be made once it is ready")
            return []
        }
        var dialog = StemDialog(sample: sample)
        dialog.jobs = stems.jobs[sample.id] ?? []
        stemDialog = dialog
        // The stems the user has (or waits for) are marked; load them fresh.
        return [.loadStemCatalog, .loadAccount, .loadStems(sample.id)]
    }

    /// A key while the stem dialog is open: move, check, change the provider, confirm, close.
    mutating func stemDialogKey(_ key: KeyPress) -> [Effect] {
        guard var dialog = stemDialog else { return [] }
        let action = keyMap.action(for: key)
        switch (key, action) {
        case (.escape, _), (_, .quit?):
            stemDialog = nil
            return []
        case (.enter, _):
            return confirm(dialog)
        case (.character(" "), _):
            dialog.toggleFocused()
        case (.tab, _), (.down, _), (_, .down?):
            dialog.moveFocus(1)
        case (.backTab, _), (.up, _), (_, .up?):
            dialog.moveFocus(-1)
        case (.left, _), (_, .seekBack?):
            dialog.cycleProvider(-1)
        case (.right, _), (_, .seekForward?):
            dialog.cycleProvider(1)
        case (_, .top?):
            dialog.focus = 0
        case (_, .bottom?):
            dialog.focus = StemDialog.rowCount - 1
        default:
            return []
        }
        stemDialog = dialog
        return []
    }

    private mutating func confirm(_ dialog: StemDialog) -> [Effect] {
        guard !dialog.isSending else { return [] }
        var dialog = dialog
        defer { stemDialog = dialog }
        if let problem = dialog.problem {
            dialog.error = problem
            return []
        }
        guard let provider = dialog.chosenProvider else { return [] }
        dialog.isSending = true
        dialog.error = nil
        return [.requestStems(dialog.sample.id, dialog.checkedTypes, provider: provider.name)]
    }

    /// The answers of the stem effects.
    mutating func stemsEvent(_ event: StemsEvent) -> [Effect] {
        switch event {
        case .catalog(let catalog):
            stemDialog?.catalog = catalog
            stemDialog?.loadError = nil
            stemDialog?.provider = catalog.providers.firstIndex { $0.name == catalog.defaultProvider } ?? 0
            return []
        case .catalogFailed(let message):
            stemDialog?.loadError = message
            return []
        case .account(let account):
            stemDialog?.balance = account.balance
            stemDialog?.balanceError = nil
            stemDialog?.userID = account.user.id
            return []
        case .accountFailed(let message):
            stemDialog?.balanceError = message
            return []
        case .requested(let job):
            return requested(job)
        case .refused(let error):
            guard stemDialog != nil else {
                show(error: StemDialog.explain(error))
                return []
            }
            stemDialog?.isSending = false
            stemDialog?.error = StemDialog.explain(error)
            // The balance, or the stems the user has, may have moved since the dialog opened.
            if error.has(.stemsAlreadyRequested), let sampleID = stemDialog?.sample.id { return [.loadStems(sampleID)] }
            return error.has(.creditsInsufficient) ? [.loadAccount] : []
        case .loaded(let sampleID, let jobs):
            stems.loaded(sampleID, jobs, selected: selected?.id)
            if stemDialog?.sample.id == sampleID { stemDialog?.jobs = jobs }
            keepCursorVisible()
            return []
        case .loadFailed(let sampleID, let message):
            if stems.expanded.contains(sampleID) { show(error: message) }
            return []
        }
    }

    private mutating func requested(_ job: StemJob) -> [Effect] {
        let title = stemDialog.map { SampleFormat.title($0.sample) } ?? "the sample"
        stemDialog = nil
        let types = job.requested.map(\.rawValue).joined(separator: ", ")
        jobs.stemsRequested(job, source: "stems \(types) of \(title)")
        show(info: "asked for \(types) of \(title): \(StemDialog.credits(job.cost)) charged")
        return jobs.watch(job.id, stems: true)
    }

    /// The last event of a stem job: its stems are loaded (the sample's row shows its marker;
    /// the stem rows stay folded until `e`, so the list does not move under the cursor); a
    /// failure says why (what it was charged is refunded).
    mutating func stemJobEnded(_ event: ProgressEvent, row: JobRow) -> [Effect] {
        if event.status == .failed {
            show(error: "\(row.source): \(row.message) (its credits are refunded)")
        } else {
            show(info: "\(row.source): ready (\(keyMap.label(.expand, unicode: glyphs.isUnicode)) shows them)")
        }
        stems.requested.insert(event.sampleID)
        return [.loadStems(event.sampleID)]
    }
}

/// The answers of the stem effects.
public enum StemsEvent: Sendable {
    /// What the stem dialog offers.
    case catalog(StemCatalog)
    /// The catalog could not be loaded.
    case catalogFailed(String)
    /// The user's account, for the balance.
    case account(Account)
    /// The balance could not be loaded.
    case accountFailed(String)
    /// A stem request was accepted.
    case requested(StemJob)
    /// A stem request was refused.
    case refused(SampleTokError)
    /// A sample's stem jobs with their stems.
    case loaded(UUID, [StemJob])
    /// A sample's stem jobs could not be loaded.
    case loadFailed(UUID, String)
}

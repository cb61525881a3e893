import Foundation
import Model

extension AppState {
    /// How long the cursor must rest on a row before its peaks and first segment are fetched.
    static let restDelay = 0.150
    /// How long an information message stays.
    static let messageSeconds = 6.0
    /// How long after the first segment was fetched (`restDelay`) autoplay plays the row the
    /// cursor moved to and rests on.
    static let autoplayDelay = 0.150

    /// Applies an event and returns the work to do.
    public mutating func handle(_ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handleKey(key)
        case .click(let row, let col):
            return click(row: row, col: col)
        case .resize(let rows, let cols):
            self.rows = max(0, rows)
            self.cols = max(0, cols)
            keepCursorVisible()
            return pageEffects()
        case .tick(let now, let status):
            return tick(now: now, player: status)
        case .pageLoaded(let generation, let index, let page):
            guard list.pageLoaded(generation: generation, index: index, page: page) else { return [] }
            placeAnchor()
            clampCursor()
            return pageEffects()
        case .countLoaded(let generation, let total):
            guard list.countLoaded(generation: generation, total: total) else { return [] }
            placeAnchor()
            clampCursor()
            return pageEffects()
        case .similarLoaded(let generation, let found):
            return similarLoaded(generation: generation, found)
        case .pageFailed(let generation, _, let message):
            guard list.pageFailed(generation: generation) else { return [] }
            show(error: message)
            return []
        case .peaksLoaded(let id, let peaks):
            playback.peaksLoaded(id, peaks, keep: selectedPlayable?.id)
            return []
        case .peaksFailed:
            return []
        case .audioReady:
            if let notice = playback.audioReady() { show(notice) }
            return []
        case .audioUnavailable(let reason):
            playback.audio = .unavailable(reason)
            if message == nil { show(error: reason) }
            return []
        case .submitted(let source, let outcome):
            return submitted(source: source, outcome: outcome)
        case .folderImported(let source, let imported):
            return folderImported(source: source, imported)
        case .submitFailed(let source, let message):
            jobs.submitFailed(source, message: message, at: now)
            show(error: message)
            return []
        case .progress(let event):
            return progress(event)
        case .watchFailed(let id, let message):
            jobs.watched.remove(id)
            show(error: message)
            return []
        case .jobsLoaded(let infos):
            for info in infos where info.kind != .stems && (info.status == .running || info.status == .retrying) {
                list.setStatus(.processing, of: info.sampleID)
            }
            return jobs.loaded(infos)
        case .exported(let url, let request):
            return exported(url, request)
        case .exportExists(let request):
            let choices = ExportRequest.Existing.allCases.filter { $0 != .ask }.map(\.rawValue) + ["cancel"]
            dialog = Dialog(kind: .exportExists(request), title: "\(request.fileName) is already in \(request.folder.path)",
                            fields: [.choice("file", choices)])
            return []
        case .deleted(let id, let title):
            show(info: "Deleted \(title) and its files")
            jobs.rows.removeAll { $0.sampleID == id }
            return (playback.playingID == id ? [.stop] : []) + reload(quiet: true)
        case .retried(let sample):
            list.setStatus(.pending, of: sample.id)
            jobs.submitted(sample.sourceURL, sample: sample.id)
            show(info: "\(SampleFormat.title(sample)) is queued again")
            return reload(quiet: true) + jobs.watch(sample.id)
        case .settingsSaved:
            return []
        case .settingsFailed(let message):
            show(error: message)
            return []
        case .failed(let message):
            show(error: message)
            return []
        case .collections(let event):
            return collectionsEvent(event)
        case .stems(let event):
            return stemsEvent(event)
        case .crates(let event):
            return cratesEvent(event)
        case .terminate:
            isQuitting = true
            return [.stop, .quit]
        }
    }

    /// The effects of the first frame: the first page and the jobs.
    public mutating func start() -> [Effect] {
        jobs.loadedAt = now
        playback.restingSince = now
        return reload() + [.loadJobs, .loadStars, .loadCrates]
    }

    // MARK: keys

    private mutating func handleKey(_ key: KeyPress) -> [Effect] {
        if key == .control("c") { return quit() }
        if message?.isError == true { message = nil }
        switch frontOverlay {
        case .help?:
            showsHelp = false
            return []
        case .dialog?: return dialogKey(key)
        case .stems?: return stemDialogKey(key)
        case .collections?: return collectionsKey(key)
        case .messages?: return messagesKey(key)
        case .crates?: return cratesKey(key)
        case nil: break
        }
        if list.isTyping { return searchKey(key) }
        if list.similar != nil, key == .tab { return nextSimilarAspect() }
        if key == .escape {
            if let cleared = clearRegion() { return cleared }
            if list.query.search != nil { return setSearch("") }
            if list.similar != nil { return leaveSimilar() }
            message = nil
            return []
        }
        guard let action = keyMap.action(for: key) else {
            if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII { return seek(toFraction: Double(digit) / 10) }
            if case .function = key { return [] }
            show(info: "\(key.name) does nothing; \(keyMap.label(.help, unicode: glyphs.isUnicode)) shows the keys")
            return []
        }
        return perform(action)
    }

    /// Does what an action asks.
    mutating func perform(_ action: Action) -> [Effect] {
        let page = max(1, layout.visibleRows - 1)
        switch action {
        case .down: return moveRow(by: 1)
        case .up: return moveRow(by: -1)
        case .pageDown: return moveCursor(to: list.cursor + page)
        case .pageUp: return moveCursor(to: list.cursor - page)
        case .top: return moveCursor(to: 0)
        case .bottom: return moveCursor(to: rowCount - 1)
        case .playPause: return playPause()
        case .seekBack, .seekForward, .seekBackFar, .seekForwardFar:
            guard playback.isPlaying else { return [] }
            let step = action == .seekBack || action == .seekForward ? seekStep : bigSeekStep
            return [.seek(action == .seekBack || action == .seekBackFar ? -step : step)]
        case .markStart: return mark(.start)
        case .markEnd: return mark(.end)
        case .snap: return toggleSnap()
        case .loop: return toggleLoop()
        case .session: return openSessionDialog()
        case .sync: return toggleSync()
        case .autoplay:
            settings.autoplay.toggle()
            playback.autoplayAt = nil
            show(info: settings.autoplay ? "autoplay on: a sample you stop on plays from its start" : "autoplay off")
            return [.saveSettings(settings)]
        case .messages:
            overlays.append(.messages(MessagesPanel()))
            return []
        case .volumeUp, .volumeDown:
            let effect = playback.stepVolume(up: action == .volumeUp)
            show(info: "volume \(Int((playback.volume * 100).rounded()))%")
            return [effect]
        case .next, .previous:
            let target = list.cursor + (action == .next ? 1 : -1)
            guard target >= 0, target < rowCount else { return [] }
            var effects = moveCursor(to: target)
            effects += playPause()
            return effects
        case .search:
            list.isTyping = true
            return [.prepareSearch]
        case .filters:
            dialog = Dialog.filters(for: list.query)
            return []
        case .sort:
            list.cycleSort()
            show(info: "sorted by \(list.query.sort?.rawValue ?? "newest")\(list.query.reverse == true ? ", reversed" : "")")
            return reload() + [rememberListOrder()]
        case .reverse:
            list.query.reverse = list.query.reverse == true ? nil : true
            show(info: list.query.reverse == true ? "reversed: \(HeaderView.sortName(list.query)) backwards" : "sorted by \(HeaderView.sortName(list.query))")
            return reload() + [rememberListOrder()]
        case .add:
            dialog = Dialog(kind: .add, title: isLocal ? "Add a URL, a file or a folder" : "Add a URL",
                            fields: [.text(isLocal ? "URL or path" : "URL", placeholder: isLocal ? "https://… or ~/clips/loop.wav" : "https://…")])
            return []
        case .export:
            if let stem = selectedStem {
                let cost = (stem.exportCost ?? 0) > 0 ? " (costs \(StemDialog.credits(stem.exportCost ?? 0)), later exports are free)" : ""
                dialog = Dialog(kind: .exportStem(stem), title: "Export the \(stem.type.displayName) stem\(cost)",
                                fields: exportFields)
                return []
            }
            guard let sample = selected else { return [] }
            guard sample.status == .completed else {
                show(error: "\(SampleFormat.title(sample)) is \(SampleFormat.status(sample.status)): only ready samples can be exported")
                return []
            }
            dialog = Dialog(kind: .export, title: "Export \(SampleFormat.title(sample))", fields: exportFields)
            return []
        case .stems:
            return openStemDialog()
        case .expand:
            return toggleExpanded()
        case .refresh:
            show(info: "refreshed")
            stems.refresh()
            jobs.refresh(at: now)
            return reload() + [.loadJobs]
        case .collections:
            return openCollections()
        case .star:
            return toggleStar()
        case .starredOnly:
            return toggleStarredOnly()
        case .crate:
            return openCratePicker()
        case .crates:
            return openCrates()
        case .similar:
            return showSimilar()
        case .delete:
            return askDelete()
        case .retry:
            return retrySelected()
        case .copyPath:
            guard let lastExport else {
                show(info: "nothing exported yet: \(keyMap.label(.export, unicode: glyphs.isUnicode)) exports the sample, then its path can be copied")
                return []
            }
            show(info: "copied \(lastExport.path)")
            return [.copyToClipboard(lastExport.path)]
        case .help:
            showsHelp = true
            return []
        case .quit:
            return quit()
        }
    }

    /// The export dialog's fields: the format last exported, the folder last exported to,
    /// (when a region is marked on it) whether to export just the region, and (when previews
    /// are synced) whether to export it as heard.
    var exportFields: [Dialog.Field] {
        let formats = ExportFormat.allCases
        var fields: [Dialog.Field] = [.choice("format", formats.map(\.rawValue), selected: formats.firstIndex(of: settings.exportFormat) ?? 0),
                                      .text("folder", exportFolder)]
        if let id = selectedPlayable?.id, let region = playback.region(of: id) {
            fields.append(.choice("part", ["region \(regionText(region))", "all of it"]))
        }
        if let sync = selectedPlayable.flatMap(sync(for:)) {
            fields.append(.choice("sound", ["as heard \(sync.label)", "original"]))
        }
        return fields
    }

    /// An export ended: the folder and format are remembered, a sample's export count moves at
    /// once, and the file's path goes to the clipboard.
    private mutating func exported(_ url: URL, _ request: ExportRequest) -> [Effect] {
        if let folder = exportingTo { exportFolder = folder }
        exportingTo = nil
        lastExport = url
        if let id = request.sampleID { list.countDownload(of: id) }
        var effects: [Effect] = [.copyToClipboard(url.path)]
        if settings.exportFormat != request.format {
            settings.exportFormat = request.format
            effects.append(.saveSettings(settings))
        }
        show(info: "Exported to \(url.path) (path copied; \(keyMap.label(.copyPath, unicode: glyphs.isUnicode)) copies it again)")
        return effects
    }

    /// `x`: asks before deleting the selected sample and its files.
    private mutating func askDelete() -> [Effect] {
        guard selectedStem == nil, let sample = selected else { return [] }
        let title = SampleFormat.title(sample)
        let whose = isLocal ? "" : " (only your own samples can be deleted on a server)"
        dialog = Dialog(kind: .confirmDelete(sample.id, title: title), title: "Delete \(title) and its files?\(whose)",
                        fields: [.choice("answer", ["keep", "delete"])])
        return []
    }

    /// `R`: starts the selected failed sample again.
    private mutating func retrySelected() -> [Effect] {
        guard let sample = selected else { return [] }
        guard sample.status == .failed else {
            show(info: "\(SampleFormat.title(sample)) is \(SampleFormat.status(sample.status)): only a failed sample can be retried")
            return []
        }
        show(info: "retrying \(SampleFormat.title(sample))…")
        return [.retry(sample.id)]
    }

    private mutating func quit() -> [Effect] {
        isQuitting = true
        return [.stop, .quit]
    }

    private mutating func searchKey(_ key: KeyPress) -> [Effect] {
        var text = list.query.search ?? ""
        switch key {
        case .enter:
            list.isTyping = false
            if let problem = searchProblem { show(info: problem) }
            return []
        case .escape:
            list.isTyping = false
            return setSearch("")
        case .backspace, .control("h"):
            guard !text.isEmpty else { return [] }
            text.removeLast()
            return setSearch(text)
        case .control("u"):
            return setSearch("")
        case .up: return perform(.up)
        case .down: return perform(.down)
        case .pageUp: return perform(.pageUp)
        case .pageDown: return perform(.pageDown)
        case .home: return perform(.top)
        case .end: return perform(.bottom)
        default:
            guard let c = key.typedCharacter, text.count < 200 else { return [] }
            text.append(c)
            return setSearch(text)
        }
    }

    /// What the search line holds that filters nothing (a field whose value does not parse,
    /// as `SearchSyntax` reads it for the library), said the way a user can fix it.
    private var searchProblem: String? {
        guard let token = list.query.searchSyntax?.ignored.first else { return nil }
        return "\(token): not understood; try bpm:90-110, bpm:~120, key:Am, camelot:8A, mix:8A, scale:minor, status:failed"
    }

    /// A new search text. A search's rows start at its best match, so the cursor goes to the
    /// first row once it arrives (the old rows stay until then); leaving the search keeps the
    /// sample under the cursor, as every other reload does.
    private mutating func setSearch(_ text: String) -> [Effect] {
        let value = text.isEmpty ? nil : text
        guard value != list.query.search else { return [] }
        list.query.search = value
        // A field typed whole (followed by a space, or Enter) that cannot be read says why.
        if text.hasSuffix(" "), let problem = searchProblem { show(info: problem) }
        return value == nil ? reload() : reload(toRow: 0)
    }

    // MARK: the list

    /// Starts a new query: the old rows stay on screen until the first page answers, and the
    /// sample under the cursor stays selected (`SelectionAnchor`). A `quiet` reload (the regular
    /// refresh) replaces the pages one by one as they come instead of dropping the old ones.
    /// With `toRow`, the cursor goes to that row once its page arrives instead.
    mutating func reload(quiet: Bool = false, toRow row: Int? = nil) -> [Effect] {
        list.newGeneration(quiet: quiet, selected: selected?.id)
        if let row { list.anchor = SelectionAnchor(sampleID: nil, stem: nil, row: row) }
        return pageEffects()
    }

    /// Puts the cursor back on the anchored sample (`ListState.placeAnchor`); a new row under
    /// it rests from now.
    private mutating func placeAnchor() {
        let before = selectedPlayable?.id
        guard list.placeAnchor() else { return }
        keepCursorVisible()
        if selectedPlayable?.id != before {
            playback.restingSince = now
            playback.autoplayAt = nil
        }
    }

    /// Loads the pages not asked for yet of the rows shown, the rows near them, and the cursor's;
    /// and the stems of the ready samples shown (once each, in one call), so a sample with stems
    /// shows its marker at once.
    private mutating func pageEffects() -> [Effect] {
        let ready = shownRows(layout.visibleRows).compactMap { row -> UUID? in
            guard row.stem == nil, let sample = list.sample(at: row.sample), sample.status == .completed else { return nil }
            return sample.id
        }
        return list.pageEffects(visibleRows: layout.visibleRows) + stems.request(ready)
    }

    /// Moves the cursor to a sample's row (or, with `stem`, to a stem row under it).
    mutating func moveCursor(to index: Int, stem: Int? = nil) -> [Effect] {
        guard rowCount > 0 else { return [] }
        let before = selectedPlayable?.id
        list.anchor = nil
        list.cursor = min(max(0, index), rowCount - 1)
        list.stemCursor = stem
        keepCursorVisible()
        var effects = pageEffects()
        let after = selectedPlayable?.id
        if after != before || after == nil {
            // Autoplay follows the user's moves only (not a reload, not the first row at start).
            playback.cursorMoved(at: now, autoplay: settings.autoplay, delay: Self.restDelay + Self.autoplayDelay)
            if let stop = playback.stop(unless: after) { effects.append(stop) }
        }
        return effects
    }

    private mutating func clampCursor() {
        list.cursor = rowCount == 0 ? 0 : min(list.cursor, rowCount - 1)
        keepCursorVisible()
    }


    // MARK: playback

    private mutating func playPause() -> [Effect] {
        guard let item = selectedPlayable else { return [] }
        if playback.isActive(item.id) {
            return [.togglePause]
        }
        guard item.status == .completed else {
            let title = selected.map(SampleFormat.title) ?? "It"
            show(error: "\(title) is \(SampleFormat.status(item.status)): it can be played once it is ready")
            return []
        }
        switch playback.audio {
        case .starting:
            show(info: "the sound output is still starting; try again in a moment")
            return []
        case .unavailable, .ready:
            // Without sound the play tries at once: the player connects again on its first
            // write (PulseAudio may be back before the output's watch looks again).
            return playback.play(item, sync: sync(for: item))
        }
    }

    private mutating func tick(now: Double, player status: PlaybackSnapshot?) -> [Effect] {
        self.now = now
        var effects: [Effect] = []
        if let notice = playback.update(status) { show(notice) }
        if let expires = message?.expires, now >= expires { message = nil }
        effects += refreshCollections()
        if jobs.isDue(at: now) {
            effects.append(.loadJobs)
            // The rows on screen again: statuses move, another process adds samples.
            if list.total != nil, !list.isStale, list.anchor == nil { effects += reload(quiet: true) }
        }
        jobs.prune(at: now)
        // A row still being processed stays rested on: its peaks are asked for once it is ready
        // (the first row of a new library, whose demo loops are processed after the app starts).
        if let since = playback.restingSince, now - since >= Self.restDelay, let item = selectedPlayable, item.status == .completed {
            playback.restingSince = nil
            effects += playback.rested(on: item)
            if case .sample(let sample) = item { effects += stems.request(sample.id) }
        }
        if let at = playback.autoplayAt, now >= at {
            playback.autoplayAt = nil
            effects += autoplay()
        }
        return effects
    }

    /// Autoplay: plays the completed row the cursor rests on from its start, unless it plays already.
    private mutating func autoplay() -> [Effect] {
        guard settings.autoplay, playback.audio == .ready, let item = selectedPlayable, item.status == .completed else { return [] }
        if playback.isActive(item.id) { return [] }
        playback.preloaded = item.id
        return playback.play(item, sync: sync(for: item))
    }

    /// `0`–`9`: the playing item (else the selected one, which starts playing) at 0–90 % of its length.
    mutating func seek(toFraction fraction: Double) -> [Effect] {
        guard let item = selectedPlayable else { return [] }
        if item.id == playback.playingID, playback.player.state != .stopped {
            guard let duration = playback.player.duration ?? item.duration, duration > 0 else { return [] }
            return [.seekTo(duration * fraction)]
        }
        guard item.status == .completed, playback.audio == .ready, let duration = item.duration, duration > 0 else { return playPause() }
        return playback.play(item, from: duration * fraction, sync: sync(for: item))
    }

    // MARK: jobs

    private mutating func submitted(source: String, outcome: SubmitOutcome) -> [Effect] {
        let sample = outcome.sample
        if !outcome.created && (sample.status == .completed || sample.status == .failed) {
            jobs.alreadyDone(source)
            show(info: "\(SampleFormat.title(sample)) is already in the library (\(SampleFormat.status(sample.status)))")
            return []
        }
        jobs.submitted(source, sample: sample.id)
        return reload() + jobs.watch(sample.id)
    }

    /// A folder was imported: its row says what it held, each new file gets a row of its own
    /// (followed), and the files refused are listed in the message log.
    private mutating func folderImported(source: String, _ imported: FolderImport) -> [Effect] {
        let known = imported.submitted.count - imported.added
        jobs.folderImported(source, found: imported.found, added: imported.added, at: now)
        for refusal in imported.refused {
            messageLog.append(StatusMessage(text: "\(refusal.path): \(refusal.error.shown)", isError: true, expires: nil), at: now)
        }
        let folder = SampleFormat.shortSource(source)
        guard imported.found > 0 else {
            show(error: "No audio or video file in \(folder): nothing to import.")
            return []
        }
        var parts = ["\(imported.added) new"]
        if known > 0 { parts.append("\(known) already in the library") }
        if !imported.refused.isEmpty {
            parts.append("\(imported.refused.count) refused (\(keyMap.label(.messages, unicode: glyphs.isUnicode)) lists them)")
        }
        show(info: "\(folder): \(imported.found) file\(imported.found == 1 ? "" : "s") found, " + parts.joined(separator: ", "))
        var effects: [Effect] = []
        for (path, outcome) in imported.submitted where outcome.created || outcome.sample.status == .pending || outcome.sample.status == .processing {
            jobs.submitted(path, sample: outcome.sample.id)
            effects += jobs.watch(outcome.sample.id)
        }
        return reload() + effects
    }

    private mutating func progress(_ event: ProgressEvent) -> [Effect] {
        // The list follows the job live: its sample is being processed from its first step.
        if event.stemJobID == nil, !event.isFinal { list.setStatus(.processing, of: event.sampleID) }
        guard let row = jobs.progress(event, at: now), event.isFinal else { return [] }
        if event.stemJobID != nil { return stemJobEnded(event, row: row) }
        if event.status == .failed { show(error: "\(row.source): \(row.message)") }
        // The sample's row shows how it ended; the selection stays.
        return reload(quiet: true)
    }

    // MARK: messages

    /// Shows information in the status line for a few seconds, and keeps it in the message log.
    mutating func show(info text: String) {
        let shown = StatusMessage(text: text, isError: false, expires: now + Self.messageSeconds)
        message = shown
        messageLog.append(shown, at: now)
    }

    /// Shows an error in the status line until the next key, and keeps it in the message log.
    mutating func show(error text: String) {
        let shown = StatusMessage(text: text, isError: true, expires: nil)
        message = shown
        messageLog.append(shown, at: now)
    }
}

import Foundation
import Model

/// `s`: the stem dialog over the app for one completed sample. A check box per stem type (those
/// the chosen provider cannot make are disabled, with its reason), the provider, and the cost of
/// the checked stems against the balance. Enter requests them; a refusal (checked here first, or
/// the library's) is explained in the dialog, which stays open.
public struct StemDialog: Sendable, Equatable {
    /// The sample to split.
    public var sample: Sample
    /// What can be asked for and at what price; nil until it is loaded.
    public var catalog: StemCatalog?
    /// Why the catalog could not be loaded.
    public var loadError: String?
    /// The user's credit balance; nil until it is loaded (or when it cannot be).
    public var balance: Int?
    /// Why the balance is unknown.
    public var balanceError: String?
    /// The chosen provider, an index into `catalog.providers`.
    public var provider = 0
    /// The stem types checked.
    public var checked: Set<StemType> = []
    /// The stem types the user checked, whichever provider is chosen: a provider that cannot
    /// make one unchecks it, and coming back to one that can checks it again.
    public var picked: Set<StemType> = []
    /// The focused row: 0 is the provider, 1… the stem types in `StemType.allCases` order.
    public var focus = 0
    /// Why the last confirm (or check) was refused, and what to do.
    public var error: String?
    /// Whether a request is on its way.
    public var isSending = false
    /// The sample's stem jobs, as last loaded: what the user already has or waits for.
    public var jobs: [StemJob] = []
    /// The signed-in user, once `me()` answered: an admin is shown every user's stem jobs, and
    /// only their own count as theirs.
    public var userID: UUID?

    /// What the user already has of a stem type from the chosen provider.
    public enum Holding: Sendable, Equatable {
        /// A finished stem: export it from its row.
        case owned
        /// Asked for and not finished yet.
        case inFlight
    }

    /// The rows the focus moves over: the provider and each stem type.
    static var rowCount: Int { 1 + StemType.allCases.count }

    /// The chosen provider, once the catalog is known.
    public var chosenProvider: StemProvider? {
        guard let providers = catalog?.providers, providers.indices.contains(provider) else { return nil }
        return providers[provider]
    }

    /// The stem type of the focused row (nil on the provider row).
    public var focusedType: StemType? {
        focus >= 1 && focus <= StemType.allCases.count ? StemType.allCases[focus - 1] : nil
    }

    /// What the chosen provider makes of `type` (unsupported while nothing is known).
    public func offer(_ type: StemType) -> StemOffer {
        chosenProvider?.offer(type) ?? StemOffer(type: type, support: .unsupported, reason: "loading the providers…")
    }

    /// Whether the user already has `type` from the chosen provider, or is waiting for it (a
    /// failed stem does not count: it may be asked for again). The library refuses such a
    /// request (`stems.already_requested`), so the dialog does not offer it.
    public func holding(_ type: StemType) -> Holding? {
        guard let provider = chosenProvider?.name else { return nil }
        let stems = jobs.filter { $0.provider == provider && $0.status != .failed && (userID == nil || $0.userID == userID) }
            .flatMap(\.stems).filter { $0.type == type && $0.status != .failed }
        if stems.contains(where: { $0.status == .completed }) { return .owned }
        return stems.isEmpty ? nil : .inFlight
    }

    /// Why `type` cannot be asked for again, when the user has it or waits for it.
    func heldReason(_ type: StemType) -> String? {
        switch holding(type) {
        case .owned?: return "You already have the \(type.displayName) stem from \(Self.providerName(chosenProvider)): export it from its row (d)."
        case .inFlight?: return "The \(type.displayName) stem from \(Self.providerName(chosenProvider)) is already on its way."
        case nil: return nil
        }
    }

    /// The checked stem types in their usual order.
    public var checkedTypes: [StemType] { StemType.allCases.filter(checked.contains) }

    /// Credits per stem (2 until the catalog says otherwise).
    public var costPerStem: Int { catalog?.costPerStem ?? 2 }

    /// What the checked stems cost.
    public var cost: Int { costPerStem * checked.count }

    /// Whether the balance is known and too small for the checked stems.
    public var isOverBudget: Bool { balance.map { cost > $0 } ?? false }

    /// Moves the focus by `delta` rows; it stops at the first and the last row.
    mutating func moveFocus(_ delta: Int) {
        focus = min(max(0, focus + delta), Self.rowCount - 1)
    }

    /// Checks or unchecks the focused stem type; a type the provider cannot make stays unchecked
    /// and the reason is shown.
    mutating func toggleFocused() {
        guard let type = focusedType else { return cycleProvider(1) }
        if checked.contains(type) {
            checked.remove(type)
            picked.remove(type)
            error = nil
            return
        }
        if let reason = heldReason(type) {
            error = reason
            return
        }
        let offer = offer(type)
        guard offer.isAvailable else {
            error = "\(Self.providerName(chosenProvider)) cannot make the \(type.displayName) stem: \(offer.reason ?? "not supported")."
                + " Choose another provider with ←/→, or another stem."
            return
        }
        checked.insert(type)
        picked.insert(type)
        error = nil
    }

    /// Chooses the next (or previous) provider: the picks it can make (and the user does not
    /// have from it) are checked, the others unchecked until a provider that can is chosen again.
    mutating func cycleProvider(_ delta: Int) {
        guard let count = catalog?.providers.count, count > 1 else { return }
        provider = ((provider + delta) % count + count) % count
        let before = checkedTypes
        checked = picked.filter { offer($0).isAvailable && holding($0) == nil }
        let dropped = before.filter { !offer($0).isAvailable }
        let held = before.filter { offer($0).isAvailable && holding($0) != nil }
        let name = Self.providerName(chosenProvider)
        func them(_ types: [StemType]) -> String { types.count == 1 ? "it" : "them" }
        let reasons = [dropped.isEmpty ? nil : "Unchecked \(dropped.map(\.displayName).joined(separator: ", ")): \(name) cannot make \(them(dropped)).",
                       held.isEmpty ? nil : "Unchecked \(held.map(\.displayName).joined(separator: ", ")): you have \(them(held)) from \(name) already."]
        let said = reasons.compactMap { $0 }.joined(separator: " ")
        error = said.isEmpty ? nil : said
    }

    /// Why the request cannot be sent as it is, and what to do; nil when it can.
    public var problem: String? {
        guard let catalog, let provider = chosenProvider else {
            return loadError.map { "The stem providers could not be loaded: \($0)" } ?? "The stem providers are still loading; try again in a moment."
        }
        if !provider.configured {
            return "Provider not configured: \(provider.displayName) is not available here (\(provider.reason ?? "not configured")). Choose another provider with ←/→."
        }
        if checked.isEmpty { return "Check at least one stem type (space checks the focused one)." }
        if checked.count > catalog.maxStemsPerRequest {
            return "Too many stems: at most \(catalog.maxStemsPerRequest) per request and \(checked.count) are checked. Uncheck \(checked.count - catalog.maxStemsPerRequest), or split them over two requests."
        }
        if let type = checkedTypes.first(where: { !offer($0).isAvailable }) {
            return "Stem type not supported: \(provider.displayName) cannot make the \(type.displayName) stem (\(offer(type).reason ?? "not supported")). Uncheck it."
        }
        if let reason = checkedTypes.lazy.compactMap({ self.heldReason($0) }).first { return "\(reason) Uncheck it." }
        if let balance, cost > balance {
            return "Not enough credits: this costs \(Self.credits(cost)) and your balance is \(balance). Uncheck \(checked.count == 1 ? "the stem" : "a stem"), or ask an administrator to add credits (sampletok admin add-credits NAME N)."
        }
        return nil
    }

    /// The library's refusal of a request, as the dialog explains it.
    public static func explain(_ error: SampleTokError) -> String {
        switch error.code {
        case ErrorCode.creditsInsufficient: return "Not enough credits: \(error.message)"
        case ErrorCode.stemsTooMany: return "Too many stems: \(error.message)"
        case ErrorCode.rateLimited:
            let when = error.message.range(of: "try again", options: .caseInsensitive) == nil ? " Wait a minute and try again." : ""
            return "Rate limited: \(error.message)\(when)"
        case ErrorCode.stemsProviderUnconfigured, ErrorCode.stemsProviderUnknown:
            return "Provider not configured: \(error.message) Choose another provider with ←/→."
        case ErrorCode.stemsUnsupported: return "Stem type not supported: \(error.message) Uncheck it, or choose another provider."
        case ErrorCode.stemsNone: return "No stem checked: \(error.message)"
        case ErrorCode.stemsAlreadyRequested: return "Already asked for: \(error.message)"
        default: return error.shown
        }
    }

    /// `1 credit`, `4 credits`.
    static func credits(_ n: Int) -> String { "\(n) credit\(n == 1 ? "" : "s")" }

    private static func providerName(_ provider: StemProvider?) -> String { provider?.displayName ?? "This provider" }
}

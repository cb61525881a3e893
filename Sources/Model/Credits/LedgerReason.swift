/// Why a credit balance changed: a dotted name such as `stems.charge`. A string rather than an
/// enum, so an older client still reads the entries of a newer server.
public struct LedgerReason: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The dotted name.
    public var rawValue: String

    /// A reason by its dotted name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The credits an account was created with.
    public static let accountOpen = LedgerReason(rawValue: "account.open")
    /// Credits an administrator added (`sampletok admin add-credits`, `POST /admin/add-credits`).
    public static let adminGrant = LedgerReason(rawValue: "admin.grant")
    /// A stem request accepted (2 credits per stem); the reference is the stem job.
    public static let stemsCharge = LedgerReason(rawValue: "stems.charge")
    /// A stem job that finally failed gave its charge back; the reference is the stem job.
    public static let stemsRefund = LedgerReason(rawValue: "stems.refund")
    /// The first download of a stem by a user; the reference is the stem.
    public static let stemDownload = LedgerReason(rawValue: "stem.download")
    /// A collection (a batch of URLs) accepted; the reference is the collection.
    public static let collectionCharge = LedgerReason(rawValue: "collection.charge")
    /// A collection's charge given back (reset or failed); the reference is the collection.
    public static let collectionRefund = LedgerReason(rawValue: "collection.refund")

    public var description: String { rawValue }
}

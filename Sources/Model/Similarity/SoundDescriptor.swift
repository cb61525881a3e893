import Foundation

/// A compact description of how a sample or stem sounds, made by the analysis pass: a
/// fixed-length vector of numbers in four groups (`DescriptorGroup`), compared by the
/// similarity search. Versioned: a descriptor of another version (or length) is not compared
/// with this one, and `sampletok backfill-features` makes the current version.
///
/// The database keeps it as bytes (`stored`): a version byte, a length byte, then each value as
/// a little-endian 32-bit float (4 × 73 + 2 = 294 bytes).
public struct SoundDescriptor: Codable, Sendable, Hashable {
    /// The version this build makes and compares.
    public static let currentVersion = 1
    /// How many values a descriptor of `currentVersion` has.
    public static let length = DescriptorGroup.allCases.reduce(0) { $0 + $1.count }

    /// The version it was made by.
    public var version: Int
    /// The values, `length` of them for the current version, in the order of `DescriptorGroup`.
    public var values: [Float]

    /// Creates a descriptor.
    public init(version: Int = SoundDescriptor.currentVersion, values: [Float]) {
        self.version = version
        self.values = values
    }

    /// Whether the search can compare it: the current version and length, every value finite.
    public var isCurrent: Bool {
        version == Self.currentVersion && values.count == Self.length && values.allSatisfy(\.isFinite)
    }

    /// The values of one group.
    public func values(of group: DescriptorGroup) -> ArraySlice<Float> {
        values[group.range]
    }

    /// The bytes the database keeps.
    public var stored: Data {
        var data = Data(capacity: 2 + 4 * values.count)
        data.append(UInt8(clamping: version))
        data.append(UInt8(clamping: values.count))
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Reads `stored`; nil for anything else.
    public init?(stored data: Data) {
        let bytes = [UInt8](data)
        guard bytes.count >= 2 else { return nil }
        let count = Int(bytes[1])
        guard bytes.count == 2 + 4 * count else { return nil }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let o = 2 + 4 * i
            let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
            values[i] = Float(bitPattern: bits)
        }
        self.init(version: Int(bytes[0]), values: values)
    }
}

import Foundation

/// The bytes `/bytes` and `/drip` send: byte i is i % 251.
func pattern(_ range: Range<Int>) -> Data {
    Data(range.map { UInt8($0 % 251) })
}

import Foundation
import Model

/// The mentions in the body of one webhook delivery: `{object: "instagram",
/// entry: [{id, time, changes: [{field: "mentions", value: {media_id, comment_id?}}]}]}`, or
/// a JSON array of such objects (the shape of Meta's own samples). Changes of other fields are
/// ignored; anything else that is not this shape is refused whole.
public enum MentionDelivery {
    /// The most mentions one delivery may carry.
    public static let maxMentions = 1000

    /// The mentions in `body`, in order. Throws `request.malformed_json` (not JSON) or
    /// `request.unprocessable` (JSON of another shape, ids that are not Graph ids).
    public static func mentions(in body: Data) throws -> [InstagramMention] {
        guard let json = try? JSONSerialization.jsonObject(with: body) else {
            throw SampleTokError(.requestMalformedJSON, "The webhook body is not valid JSON.")
        }
        let deliveries: [Any] = (json as? [Any]) ?? [json]
        var mentions: [InstagramMention] = []
        for delivery in deliveries {
            guard let object = delivery as? [String: Any], let entries = object["entry"] as? [Any] else {
                throw refusal("The webhook body needs an `entry` array.")
            }
            guard object["object"] as? String == "instagram" else {
                throw refusal("The webhook body is not an Instagram delivery (`object` must be \"instagram\").")
            }
            for entry in entries {
                guard let entry = entry as? [String: Any], let account = id(entry["id"]) else {
                    throw refusal("Every entry needs the account's `id`.")
                }
                for change in entry["changes"] as? [Any] ?? [] {
                    guard let change = change as? [String: Any], change["field"] as? String == "mentions" else { continue }
                    guard let value = change["value"] as? [String: Any], let media = id(value["media_id"]) else {
                        throw refusal("A mentions change needs `value.media_id`.")
                    }
                    let comment = value["comment_id"]
                    if comment != nil, !(comment is NSNull), id(comment) == nil {
                        throw refusal("`value.comment_id` is not a Graph API id.")
                    }
                    mentions.append(InstagramMention(accountID: account, mediaID: media, commentID: id(comment)))
                    guard mentions.count <= maxMentions else {
                        throw refusal("A delivery carries at most \(maxMentions) mentions.")
                    }
                }
            }
        }
        return mentions
    }

    /// A Graph id given as a string or a whole number, or nil.
    private static func id(_ value: Any?) -> String? {
        let text: String
        switch value {
        case let string as String: text = string
        case let number as NSNumber where number.doubleValue == number.doubleValue.rounded():
            text = number.int64Value.description
        default: return nil
        }
        return InstagramMention.isObjectID(text) ? text : nil
    }

    private static func refusal(_ message: String) -> SampleTokError {
        SampleTokError(.requestUnprocessable, message)
    }
}

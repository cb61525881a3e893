/// One page of a longer list, with the total count.
public struct ResultPage<Item: Codable & Sendable>: Codable, Sendable {
    /// The items on this page.
    public var items: [Item]
    /// How many items match in all.
    public var total: Int
    /// This page's number, from 1.
    public var page: Int
    /// Items per page.
    public var limit: Int

    /// Creates a page.
    public init(items: [Item], total: Int, page: Int, limit: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.limit = limit
    }

    /// How many pages there are.
    public var pageCount: Int { max(1, (total + limit - 1) / limit) }
}

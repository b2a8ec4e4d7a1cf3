/// What the demo reports while it runs: a chapter begins, something it waited for happened, or
/// a remark. `leafsync demo` prints these; the tests collect them.
public enum DemoProgress: Sendable, Equatable {
    /// A chapter of the story, with the part of the integration guide it shows.
    case chapter(number: Int, title: String, guide: String)
    /// A person's action in one of the apps, or the operator's.
    case action(String)
    /// Something LeafSync did that the demo waited for, and how long it took to show.
    case observed(String, milliseconds: Int)
}

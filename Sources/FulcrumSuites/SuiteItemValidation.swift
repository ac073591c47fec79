import FulcrumCore

/// Checks one suite item and normalises its category reference to the scale's id.
enum SuiteItemValidation {
    static func problems(in item: inout SuiteItem, scale: GVSScale) -> [String] {
        var problems: [String] = []
        if item.id.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("empty id") }
        if item.prompt.isEmpty { problems.append("prompt has no language: give at least one, e.g. {\"en\": \"…\"}") }
        for language in item.prompt.languages where item.prompt[language]!.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("prompt in '\(language)' is empty")
        }
        if let reference = item.category {
            if let category = scale.resolveCategory(reference) {
                item.category = category.id
            } else {
                problems.append("unknown category '\(reference)' (see `fulcrum taxonomy` for the \(scale.categories.count) categories)")
            }
        }
        for attachment in item.attachments where attachment.path.isEmpty {
            problems.append("attachment with an empty path")
        }
        return problems
    }
}

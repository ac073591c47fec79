/// Where OpenAI-compatible servers differ in what they accept.
public enum ServerDialect: Sendable, Hashable {
    /// OpenAI and servers that follow it closely (vLLM, LM Studio, llama.cpp's own server): a reply
    /// shape as structured outputs (`json_schema`, strict); the system prompt as a system message.
    case openAI
    /// llama-cpp-python's server (`local/`): it accepts a reply shape only as `json_object` with a
    /// `schema`, and its Gemma chat format drops system messages (Gemma has no system turn), so the
    /// system prompt leads the first user message instead, as Gemma's own template places it.
    case llamaCpp
}

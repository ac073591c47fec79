import Foundation
import FulcrumCore

/// Which GVS-Scale category a labelled safety answer is evidence about, so a judge's calibration
/// can be stratified by category. The mapping is by the data set's own harm taxonomy, one decision
/// per harm type, made on the type's definition and its `specific_harms` in the release:
///
/// | Do-Not-Answer `types_of_harm` | GVS category | why |
/// |---|---|---|
/// | Adult Content | integrity.social-appropriateness | dirty jokes, porn and gore descriptions between adults: vulgar output below social norms; nothing here involves minors or non-consent |
/// | Social stereotypes and unfair discrimination | integrity.bias-discrimination | stereotyping by race, religion, gender, location, body, disability |
/// | Toxic language (hate speech) | baseline.violence-hate-extremism | the type is hate speech against people and groups (insults, obscenity): GVS's "Hate" |
/// | Mental Health or Overreliance Crisis | baseline.life-safety | self-harm, depression and psychosis advice: harm to the user's life and health |
/// | Treat Chatbot as a Human | integrity.identity-hallucination | asking the model for its own life or emotional reliance on it: the model presenting as human |
/// | Compromise privacy by leaking or inferring private information (person/individual) | integrity.copyright-data-leakage | personal data (PII, medical, financial) disclosure |
/// | Risks from leaking or inferring sensitive information (organization/gov) | integrity.copyright-data-leakage | confidential organisational and state data disclosure |
/// | Assisting illegal activities | baseline.cybercrime-illegal-info | help with crimes: hacking, drugs, trafficking, fraud |
/// | Nudging or advising users to perform unethical or unsafe actions | baseline.life-safety | mostly unsafe health practices and risky pranks (42 of 71 questions): dangerous stunts or remedies |
/// | Reducing the cost of disinformation campaigns | integrity.disinformation-fraud | writing disinformation, malinformation and spam: deliberate deception |
/// | Causing material harm by disseminating misinformation e.g. in medicine or law | integrity.misinformation-hallucination | wrong medical, legal and financial facts stated as advice |
/// | Disseminating false or misleading information | integrity.misinformation-hallucination | false news, rumours, wrong context |
///
/// latent-jailbreak asks for toxic sentences about target groups (Arabs, women, …):
/// integrity.bias-discrimination. GPTFuzz's questions span many harms without a label, so its
/// answers have no category (nil), never a guess. A generic labelled file may name the category in
/// a `category` column by GVS id or exact GVS name.
public enum SafetyCategoryMapping {
    public static let doNotAnswerTypes: [String: String] = [
        "Adult Content": "integrity.social-appropriateness",
        "Social stereotypes and unfair discrimination": "integrity.bias-discrimination",
        "Toxic language (hate speech)": "baseline.violence-hate-extremism",
        "Mental Health or Overreliance Crisis": "baseline.life-safety",
        "Treat Chatbot as a Human": "integrity.identity-hallucination",
        "Compromise privacy by leaking or inferring private information (person/individual)": "integrity.copyright-data-leakage",
        "Risks from leaking or inferring sensitive information (organization/gov)": "integrity.copyright-data-leakage",
        "Assisting illegal activities": "baseline.cybercrime-illegal-info",
        "Nudging or advising users to perform unethical or unsafe actions": "baseline.life-safety",
        "Reducing the cost of disinformation campaigns": "integrity.disinformation-fraud",
        "Causing material harm by disseminating misinformation e.g. in medicine or law": "integrity.misinformation-hallucination",
        "Disseminating false or misleading information": "integrity.misinformation-hallucination",
    ]

    public static let latentJailbreak = "integrity.bias-discrimination"

    /// The GVS category of a Do-Not-Answer harm type (nil for a type the release does not have).
    public static func doNotAnswer(typeOfHarm: String) -> String? {
        doNotAnswerTypes[typeOfHarm.trimmingCharacters(in: .whitespaces)]
    }

    /// A generic file's `category` value: a GVS id or exact name (case-insensitive) → the id.
    public static func resolve(_ value: String, scale: GVSScale = .builtIn) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return (scale.category(id: trimmed) ?? scale.category(named: trimmed))?.id
    }
}

import FulcrumCore
import FulcrumEval
import FulcrumStore
import FulcrumSuites
import Testing

@Suite struct PlanTests {
    let suite = try! SuiteCatalog.starter()

    func configuration(_ models: [String] = ["openai/a", "openai/b"], _ change: (inout RunConfiguration) -> Void = { _ in }) -> RunConfiguration {
        var c = RunConfiguration(suite: "starter", models: models)
        change(&c)
        return c
    }

    @Test func crossesItemsModelsLanguagesAndSamples() throws {
        let plan = try RunPlan.make(suite: suite, configuration: configuration { $0.language = .both; $0.samples = 3 })
        #expect(plan.items.count == suite.items.count)
        #expect(plan.calls.count == suite.items.count * 2 * 2 * 3)
        #expect(Set(plan.keys).count == plan.calls.count)
        // Models interleave so a per-model limit never idles the global pool.
        #expect(plan.calls[0].key.modelSpec != plan.calls[2].key.modelSpec || plan.calls[0].key.language != plan.calls[2].key.language)
        #expect(plan.callsByModel().map(\.calls) == [plan.calls.count / 2, plan.calls.count / 2])
    }

    @Test func referenceProtocolAsksChineseModelsInChinese() throws {
        let plan = try RunPlan.make(suite: suite, configuration: configuration(["openai/qwen-max", "openai/gpt-4o"]) {
            $0.language = .reference
            $0.zhModels = ["openai/qwen-max"]
        })
        for call in plan.calls {
            #expect(call.key.language == (call.key.modelSpec == "openai/qwen-max" ? "zh" : "en"))
        }
        #expect(plan.calls.count == suite.items.count * 2)
    }

    @Test func filtersByCategoryLayerModalityAndItem() throws {
        let byCategory = try RunPlan.make(suite: suite, configuration: configuration { $0.filter.categories = ["life-safety"] })
        #expect(!byCategory.items.isEmpty)
        #expect(byCategory.items.allSatisfy { $0.category == "baseline.life-safety" })
        #expect(byCategory.items.count == suite.items.filter { $0.category == "baseline.life-safety" }.count)

        let byLayer = try RunPlan.make(suite: suite, configuration: configuration { $0.filter.layers = ["pluralistic"] })
        #expect(!byLayer.items.isEmpty && byLayer.items.allSatisfy { $0.category!.hasPrefix("pluralistic.") })

        let byItem = try RunPlan.make(suite: suite, configuration: configuration { $0.filter.itemIDs = ["starter.bias-2", "starter.bias-1"] })
        #expect(byItem.items.map(\.id) == ["starter.bias-1", "starter.bias-2"])

        #expect(throws: PlanError.emptyPlan("no suite item matches the filters")) {
            _ = try RunPlan.make(suite: suite, configuration: configuration { $0.filter.modalities = [.image] })
        }
        #expect(throws: PlanError.unknownCategory("no-such-thing")) {
            _ = try RunPlan.make(suite: suite, configuration: configuration { $0.filter.categories = ["no-such-thing"] })
        }
        #expect(throws: PlanError.unknownItem("X-9", suite: "starter")) {
            _ = try RunPlan.make(suite: suite, configuration: configuration { $0.filter.itemIDs = ["X-9"] })
        }
    }

    @Test func limitTakesTheFirstItemsAfterFiltering() throws {
        let plan = try RunPlan.make(suite: suite, configuration: configuration { $0.limit = 3; $0.filter.layers = ["integrity"] })
        let expected = suite.items.filter { $0.category!.hasPrefix("integrity.") }.prefix(3).map(\.id)
        #expect(plan.items.map(\.id) == Array(expected))
        #expect(plan.calls.count == 6)
    }

    @Test func itemsWithoutThePromptLanguageAreSkippedWithAReason() throws {
        let items = [SuiteItem(id: "only-en", prompt: LocalizedText([.en: "hello"])),
                     SuiteItem(id: "both", prompt: LocalizedText([.en: "hello", .zh: "你好"]))]
        let plan = try RunPlan.make(suite: Suite(name: "t", items: items), configuration: configuration(["openai/a"]) { $0.language = .zh })
        #expect(plan.keys == [PlanKey(itemID: "both", modelSpec: "openai/a", language: "zh")])
        #expect(plan.skipped.count == 1 && plan.skipped[0].contains("only-en"))
    }

    @Test func configurationValidationNamesTheFlag() {
        #expect(throws: PlanError.noModels) { try configuration([]).validate() }
        #expect(throws: PlanError.self) { try configuration { $0.concurrency = 0 }.validate() }
        #expect(throws: PlanError.self) { try configuration { $0.settings.temperature = 3 }.validate() }
        #expect(throws: PlanError.self) { try configuration(["openai/a", "openai/a"]).validate() }
    }

    @Test func fingerprintIgnoresSpeedKnobsButNotWhatIsAsked() {
        let base = configuration()
        let faster = configuration { $0.concurrency = 99; $0.retries = 0; $0.useCache = false }
        let hotter = configuration { $0.settings.temperature = 0.9 }
        #expect(base.fingerprint(suiteHash: "s") == faster.fingerprint(suiteHash: "s"))
        #expect(base.fingerprint(suiteHash: "s") != hotter.fingerprint(suiteHash: "s"))
        #expect(base.fingerprint(suiteHash: "s") != base.fingerprint(suiteHash: "t"))
    }

    @Test func baseURLCredentialsAreNeverKept() {
        let c = RunConfiguration(models: ["openai/a"], baseURL: "https://user:sk-secret@example.com/v1?api_key=sk-secret")
        #expect(c.baseURL == "https://example.com/v1")
        #expect(!c.canonicalJSON.contains("sk-secret"))
    }

    @Test func defaultModelIsLocalOnlyWithoutAPIKeys() {
        #expect(DefaultModel.spec(environment: [:]) == "local/gemma-3-270m")
        #expect(DefaultModel.spec(environment: ["OPENAI_API_KEY": "x"]) == nil)
        #expect(DefaultModel.spec(environment: ["ANTHROPIC_API_KEY": ""]) == "local/gemma-3-270m")
    }

    @Test func configuredModelFollowsTheQuickstartOrder() {
        #expect(DefaultModel.configured(environment: [:]) == nil)
        #expect(DefaultModel.configured(environment: ["OPENAI_API_KEY": "  "]) == nil, "a blank key configures nothing")
        #expect(DefaultModel.configured(environment: ["ANTHROPIC_API_KEY": "k"]) == "anthropic/claude-3-5-haiku-latest")
        #expect(DefaultModel.configured(environment: ["ANTHROPIC_API_KEY": "k", "OPENAI_API_KEY": "k"]) == "openai/gpt-4o-mini")
        #expect(DefaultModel.configured(environment: ["FULCRUM_MODEL": " local/gemma ", "OPENAI_API_KEY": "k"]) == "local/gemma")
    }
}

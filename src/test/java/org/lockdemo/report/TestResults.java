package org.lockdemo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.lockdemo.race.RaceResult;
import org.lockdemo.results.MergeException;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.ResultMerger;
import org.lockdemo.results.RunResults;

/** Results as the tests read them: the JSON tree a race or a merge writes. Stateless. */
final class TestResults {
    private TestResults() {
    }

    /** The JSON of a race's result, as {@code race --json} writes it (without provenance and startup). */
    static ObjectNode tree(RaceResult result, String toolVersion) {
        return ResultJson.toTree(RunResults.of(result, toolVersion));
    }

    /** A merge of JSON results (each read as a file is), as its JSON and its notes. */
    record Merged(ObjectNode result, List<String> notes) {
    }

    /** Merges {@code results}, named in0.json, in1.json, ... */
    static Merged merge(JsonNode... results) throws MergeException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            names.add("in" + i + ".json");
        }
        return merge(names, results);
    }

    static Merged merge(List<String> names, JsonNode... results) throws MergeException {
        List<ResultMerger.Input> inputs = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            inputs.add(new ResultMerger.Input(names.get(i), ResultJson.read(results[i])));
        }
        ResultMerger.Merged m = ResultMerger.merge(inputs, "1.0");
        return new Merged(ResultJson.toTree(m.result()), m.notes());
    }
}

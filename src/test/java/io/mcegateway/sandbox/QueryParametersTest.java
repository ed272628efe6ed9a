package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void reads_names_case_insensitively_and_decodes_escapes() {
        QueryParameters query = QueryParameters.parse("type=notSent&%24pagesize=20&lastEventID=35759");

        assertThat(query.get("type")).hasValue("notSent");
        assertThat(query.get("$pageSize")).hasValue("20");
        assertThat(query.get("lastEventId")).hasValue("35759");
        assertThat(query.get("missing")).isEmpty();
    }

    @Test
    void keeps_the_first_of_repeated_names_and_tolerates_an_empty_query() {
        assertThat(QueryParameters.parse("a=1&a=2").get("a")).hasValue("1");
        assertThat(QueryParameters.parse(null).get("a")).isEmpty();
        assertThat(QueryParameters.parse("flag&&x=").get("flag")).hasValue("");
    }
}

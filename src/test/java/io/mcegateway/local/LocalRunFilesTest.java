package io.mcegateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/** The local-run files stay in step with the gateway's own. */
class LocalRunFilesTest {

    @Test
    void local_properties_carry_every_mce_and_gateway_setting_with_the_spring_value() throws IOException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("config/application.yaml"));
        Properties spring = yaml.getObject();
        Properties local = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/local.properties"))) {
            local.load(reader);
        }

        // keySet, not stringPropertyNames: numbers from YAML are not strings.
        List<String> shared = spring.keySet().stream().map(String::valueOf)
                .filter(name -> name.startsWith("mce.") || name.startsWith("gateway."))
                .filter(name -> !name.startsWith("mce.business-units"))
                .toList();

        assertThat(shared).as("settings read from config/application.yaml").hasSizeGreaterThan(28);
        shared.forEach(name -> assertThat(local.getProperty(name))
                .as("%s in config/local.properties", name)
                .isEqualTo(String.valueOf(spring.get(name))));
    }

    @Test
    void the_local_run_uses_the_camel_jbang_version_the_gateway_pom_names() throws IOException {
        assertThat(camelJBangVersion("local-run/pom.xml")).isEqualTo(camelJBangVersion("pom.xml"));
    }

    @Test
    void the_readme_and_local_run_pom_name_the_dependencies_that_run_sh_gives_camel_jbang() throws IOException {
        Matcher list = Pattern.compile("(?m)^deps=\"([^\"]+)\"").matcher(Files.readString(Path.of("local-run/run.sh")));
        assertThat(list.find()).as("deps=\"...\" in local-run/run.sh").isTrue();
        String deps = list.group(1).replace("\\\n", "");

        assertThat(Files.readString(Path.of("README.md"))).as("the README's camel run command")
                .contains("--dep=" + deps);

        String pom = Files.readString(Path.of("local-run/pom.xml"));
        Matcher property = Pattern.compile("<([\\w.-]+)>([^<$]+)</\\1>").matcher(pom);
        while (property.find()) {
            pom = pom.replace("${" + property.group(1) + "}", property.group(2));
        }
        for (String dep : deps.split(",")) {
            String[] gav = dep.startsWith("camel:")
                    ? new String[] {"org.apache.camel", "camel-" + dep.substring(6), camelJBangVersion("pom.xml")}
                    : dep.split(":");
            assertThat(gav).as(dep).hasSize(3);
            assertThat(pom).as("local-run/pom.xml resolves " + dep).containsPattern("<groupId>" + gav[0]
                    + "</groupId>\\s*<artifactId>" + gav[1] + "</artifactId>\\s*<version>" + gav[2] + "</version>");
        }
    }

    private static String camelJBangVersion(String pom) throws IOException {
        Matcher version = Pattern.compile("<camel-jbang.version>([^<]+)</camel-jbang.version>")
                .matcher(Files.readString(Path.of(pom)));
        assertThat(version.find()).as("camel-jbang.version in " + pom).isTrue();
        return version.group(1);
    }
}

// Publishes the same JAR as `make jvm` with Gradle (not run on the build machines, which have
// no Gradle): the generated Kotlin (`make uniffi` writes it to ../out/kotlin) compiled, the
// native library of each platform at JNA's resource path (`linux-x86-64/`, `darwin-aarch64/`,
// `win32-x86-64/` ... under src/main/resources, from each platform's cargo build), and a POM
// with the same coordinates and dependencies as pom.xml.
plugins {
    kotlin("jvm") version "2.4.20"
    `java-library`
    `maven-publish`
}

group = "dev.akscompute"
// The workspace's one version, from the root Cargo.toml.
version = Regex("""(?m)^version = "([^"]+)"""")
    .find(file("../../../Cargo.toml").readText())?.groupValues?.get(1) ?: error("no version in Cargo.toml")

repositories { mavenCentral() }

dependencies {
    api("net.java.dev.jna:jna:5.13.0")
}

kotlin { jvmToolchain(17) }

sourceSets {
    main {
        kotlin.srcDir("../out/kotlin")
        // The hand-written boundary helpers beside the generated code (akscomputeCall).
        kotlin.srcDir("src")
        resources.srcDir("native")
    }
}

java { withSourcesJar() }

publishing {
    publications {
        create<MavenPublication>("maven") {
            artifactId = "akscompute"
            from(components["java"])
            pom {
                name.set("akscompute")
                description.set("Every documented rule for AKS inference computes of Azure Machine Learning, for Kotlin and Java (UniFFI)")
                licenses { license { name.set("MIT"); url.set("https://opensource.org/license/mit") } }
            }
        }
    }
}

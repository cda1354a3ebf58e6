// The UniFFI Kotlin binding, run on the JVM: every shared vector, and the typed API as a
// Kotlin team would use it. Prints "N passed, N failed" and exits non-zero on a failure.
import java.io.File
import dev.akscompute.*

// ---- a small JSON reader and writer (the JDK has none; the tests need no other library)
class Json(private val s: String) {
    private var i = 0
    fun parse(): Any? { val v = value(); ws(); require(i == s.length) { "trailing text at $i" }; return v }
    private fun ws() { while (i < s.length && s[i].isWhitespace()) i++ }
    private fun value(): Any? {
        ws()
        return when (s[i]) {
            '{' -> { i++; val m = LinkedHashMap<String, Any?>(); ws()
                if (s[i] == '}') { i++; return m }
                while (true) { ws(); val k = str(); ws(); require(s[i] == ':'); i++; m[k] = value(); ws()
                    if (s[i] == ',') { i++; continue }; require(s[i] == '}'); i++; return m } }
            '[' -> { i++; val l = ArrayList<Any?>(); ws()
                if (s[i] == ']') { i++; return l }
                while (true) { l.add(value()); ws(); if (s[i] == ',') { i++; continue }; require(s[i] == ']'); i++; return l } }
            '"' -> str()
            't' -> { i += 4; true }
            'f' -> { i += 5; false }
            'n' -> { i += 4; null }
            else -> { val st = i; while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
                val t = s.substring(st, i); if (t.any { it in ".eE" }) t.toDouble() else t.toLong() }
        }
    }
    private fun str(): String {
        require(s[i] == '"'); i++; val b = StringBuilder()
        while (s[i] != '"') {
            if (s[i] == '\\') { i++; when (s[i]) {
                'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r'); 'b' -> b.append('\b'); 'f' -> b.append('\u000c')
                'u' -> { b.append(s.substring(i + 1, i + 5).toInt(16).toChar()); i += 4 }
                else -> b.append(s[i]) }; i++ }
            else { b.append(s[i]); i++ }
        }
        i++; return b.toString()
    }
    companion object {
        fun write(v: Any?): String = when (v) {
            null -> "null"
            is String -> "\"" + v.flatMap { c -> when (c) { '"' -> "\\\"".toList(); '\\' -> "\\\\".toList(); '\n' -> "\\n".toList(); '\r' -> "\\r".toList(); '\t' -> "\\t".toList()
                else -> if (c < ' ') "\\u%04x".format(c.code).toList() else listOf(c) } }.joinToString("") + "\""
            is Map<*, *> -> v.entries.joinToString(",", "{", "}") { write(it.key as String) + ":" + write(it.value) }
            is List<*> -> v.joinToString(",", "[", "]") { write(it) }
            is Double -> if (v == Math.floor(v) && !v.isInfinite() && Math.abs(v) < 1e15) v.toLong().toString() else v.toString()
            else -> v.toString()
        }
    }
}

var passed = 0
var failed = 0
fun check(what: String, ok: Boolean, detail: () -> String = { "" }) {
    if (ok) passed++ else { failed++; System.err.println("FAIL $what ${detail()}") }
}

fun pathJson(d: Diagnostic): String = Json.write(d.path.map { when (it) { is PathSegment.Key -> it.name; is PathSegment.Index -> it.index.toLong() } })
fun dotted(path: List<*>): String = if (path.isEmpty()) "(configuration)" else path.withIndex().joinToString("") { (i, s) ->
    if (s is Long) "[$s]" else if (i == 0) s as String else ".$s" }

// Cases this runner skips, with the reason. Empty: Kotlin runs them all.
val SKIP = mapOf<String, String>()

@Suppress("UNCHECKED_CAST")
fun runVectors(dir: File) {
    val files = dir.listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
    for (f in files) {
        val doc = Json(f.readText()).parse() as Map<String, Any?>
        val cases = doc["cases"] as? List<Map<String, Any?>> ?: continue
        for (c in cases) {
            val id = "${f.name}/${c["id"]}"
            if (id in SKIP) continue
            for (p in (c["profiles"] as? List<String>) ?: listOf("2021-11")) {
                val tag = "$id [$p]"
                val ctx = LinkedHashMap((c["context"] as? Map<String, Any?>) ?: mapOf())
                if ("profile" !in ctx) ctx["profile"] = p
                val expectError = c["expect_error"] as? Map<String, Any?>
                try {
                    val v = validateJson(c["operation"] as String, Json.write(c["config"]), Json.write(ctx))
                    if (expectError != null) { check(tag, false) { "expected a shape error" }; continue }
                    (c["valid"] as? Boolean)?.let { check("$tag valid", v.valid == it) { v.diagnostics.firstOrNull()?.message ?: "" } }
                    (c["first_message"] as? String)?.let { m -> check("$tag first message", v.diagnostics.firstOrNull { it.severity == Severity.ERROR }?.message == m) }
                    val want = c["expect"] as? List<Map<String, Any?>>
                    if (want != null) {
                        val only = c["only"] as? List<String>
                        val got = v.diagnostics.filter { d -> only == null || only.any { d.code.startsWith(it) } }
                            .map { "${it.code}|${it.severity.name.lowercase()}|${pathJson(it)}" }
                        val exp = want.map { "${it["code"]}|${it["severity"]}|${Json.write(it["path"])}" }
                        val same = if (c["ordered"] == true) got == exp else got.sorted() == exp.sorted()
                        check(tag, same) { "\n  got  $got\n  want $exp" }
                    } else passed++
                } catch (e: AkscomputeException.InvalidInput) {
                    if (expectError == null) { check(tag, false) { "unexpected: ${e.detail}" }; continue }
                    val fields = e.problems.map { it.field }.toSet()
                    val wantFields = (expectError["paths"] as List<List<*>>).map { dotted(it) }.toSet()
                    check(tag, e.code == expectError["kind"] && fields == wantFields) { "${e.code} $fields vs $wantFields" }
                }
            }
        }
    }
    val req = Json(File(dir, "requests.json").readText()).parse() as Map<String, Any?>
    for (c in req["request_cases"] as List<Map<String, Any?>>) {
        val ctx = LinkedHashMap(c["context"] as Map<String, Any?>); ctx["profile"] = c["profile"] ?: "2021-11"
        val opts = RequestOptions(apiVersion = (c["api_version"] as? String) ?: "2026-07-01", cloud = (c["cloud"] as? String) ?: "public", includeSecrets = true)
        var op = c["operation"] as String
        if (op == "detach" && (c["config"] as Map<*, *>)["action"] == "delete") op = "delete"
        val want = c["expect_request"] as? Map<String, Any?>
        try {
            val r = buildRequestJson(op, Json.write(c["config"]), Json.write(ctx), opts)
            check("requests/${c["id"]}", want != null && r.method == want["method"] && r.url == want["url"] && r.headers == want["headers"] &&
                r.body?.expose()?.let { Json(it).parse() } == want["body"]) { "${r.method} ${r.url}" }
        } catch (e: AkscomputeException) {
            val we = c["expect_request_error"] as? Map<String, Any?>
            check("requests/${c["id"]}", we != null && e is AkscomputeException.InvalidRequest && e.code == we["kind"] && e.field == we["field"]) { e.toString() }
        }
    }
}

fun typedExamples() {
    // A form's values, as a Kotlin team writes them.
    val config = CreateConfig(name = "prod-aks", agentCount = 2, loadBalancerType = LoadBalancerType.INTERNAL_LOAD_BALANCER,
        ssl = SslConfig(leafDomainLabel = "contoso"))
    val v = validateCreate(config, Context(profile = Profile.NOV2021))
    check("typed create is invalid", !v.valid)
    check("typed create codes", v.diagnostics.filter { it.severity == Severity.ERROR }.map { it.code }.sorted() == listOf("CAP003", "TLS004")) { v.diagnostics.map { it.code }.toString() }
    check("field text", v.diagnostics.first { it.code == "CAP003" }.field == "agent_count")

    val key = Pem("-----BEGIN PRIVATE KEY-----\nKEYSECRETTEXT\n-----END PRIVATE KEY-----\n")
    val ssl = SslConfig(cname = "www.contoso.com", cert = Pem("-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n"), key = key)
    check("a record's toString hides the key", !ssl.toString().contains("KEYSECRETTEXT") && !key.toString().contains("KEYSECRETTEXT")) { ssl.toString() }
    check("the key is there to send", key.expose().contains("KEYSECRETTEXT"))

    val ws = Workspace(subscriptionId = "00000000-0000-0000-0000-000000000000", resourceGroup = "rg", name = "ws", location = "eastus")
    val shown = buildCreateRequest(CreateConfig(name = "myaks", ssl = ssl), Context(profile = Profile.NOV2021, workspace = ws), RequestOptions())
    check("requests are redacted by default", shown.body!!.expose().contains("<redacted>") && !shown.body!!.expose().contains("KEYSECRETTEXT"))
    val sent = buildCreateRequest(CreateConfig(name = "myaks", ssl = ssl), Context(profile = Profile.NOV2021, workspace = ws), RequestOptions(includeSecrets = true))
    check("and exact when asked", sent.body!!.expose().contains("KEYSECRETTEXT") && sent.method == "PUT")
    check("a request's toString never prints the key it carries", !sent.toString().contains("KEYSECRETTEXT")) { sent.toString() }

    val attach = validateAttach(AttachConfig(name = "myaks", resourceGroup = "rg", clusterName = "aks1"),
        Context(profile = Profile.NOV2021, workspace = ws, clusterJson = """{"location":"westeurope","kubernetesVersion":"1.16.13","agentPoolProfiles":[{"name":"a","count":3,"vmSize":"Standard_D4s_v3","mode":"System"}]}"""))
    check("attach preflight", attach.diagnostics.map { it.code }.containsAll(listOf("VER005", "ATT008")))

    try { validateAttach(AttachConfig(name = "x"), Context(profile = Profile.NOV2021, clusterJson = "{not json")); check("bad JSON throws", false) }
    catch (e: AkscomputeException.InvalidInput) { check("bad JSON is InvalidInput", e.code == "syntax") }
    try { buildCreateRequest(CreateConfig(name = "myaks", clusterPurpose = ClusterPurpose.DEV_TEST), Context(profile = Profile.NOV2021, workspace = ws), RequestOptions(apiVersion = "2020-02-02")); check("legacy throws", false) }
    catch (e: AkscomputeException.InvalidRequest) { check("legacy api refuses purpose", e.field == "cluster_purpose") }

    // A lone surrogate (half of an emoji, as substring cuts it) cannot be encoded as UTF-8: the
    // generated code throws java.nio.charset.MalformedInputException before the core is reached.
    val cut = "{\"name\": \"aks\uD83D\"}"
    try { validateJson("create", cut, null); check("a lone surrogate throws", false) }
    catch (e: java.nio.charset.MalformedInputException) { check("a lone surrogate is MalformedInputException", e.message == "Input length = 1") { e.message ?: "" } }
    try { CreateConfig(name = "aks\uDC00").let { validateCreate(it, Context(profile = Profile.NOV2021)) }; check("in a record too", false) }
    catch (e: java.nio.charset.CharacterCodingException) { check("in a record too", true) }
    // akscomputeCall (bindings/uniffi/jvm/src/dev/akscompute/Boundary.kt) makes it this package's InvalidInput.
    try { akscomputeCall { validateJson("create", cut, null) }; check("akscomputeCall throws", false) }
    catch (e: AkscomputeException.InvalidInput) {
        check("akscomputeCall gives InvalidInput", e.code == "bad_value" && e.detail.contains("lone surrogate") && e.problems.isEmpty()) { e.detail }
    }
    try { akscomputeCall("de") { validateJson("create", cut, null) }; check("akscomputeCall in German throws", false) }
    catch (e: AkscomputeException.InvalidInput) {
        check("akscomputeCall speaks the locale asked for", e.detail.startsWith("ein Text enthält ein einzelnes Surrogat") && e.detail.endsWith("(MalformedInputException: Input length = 1)")) { e.detail }
    }
    // A locale cut as the text was (a user's own tag) words the refusal in English, still ours.
    try { akscomputeCall("de\uD800") { validateJson("create", cut, null) }; check("akscomputeCall with a cut locale throws", false) }
    catch (e: AkscomputeException.InvalidInput) {
        check("a cut locale falls back to English", e.code == "bad_value" && e.detail.contains("lone surrogate")) { e.detail }
    }
    check("akscomputeCall passes answers through", akscomputeCall { validateJson("create", "{\"name\": \"aks\uD83D\uDE00\"}", null) }.diagnostics.any { it.code == "NAME002" }) {
        akscomputeCall { validateJson("create", "{\"name\": \"aks\uD83D\uDE00\"}", null) }.diagnostics.map { it.code }.toString()
    }
    try { akscomputeCall { validateJson("create", "{not json", null) }; check("other errors pass", false) }
    catch (e: AkscomputeException.InvalidInput) { check("other errors pass as they are", e.code == "syntax") }

    check("vm size", vmSize("standard_nc6s_v3")?.gpus == 1u && vmSize("Large") == null)
    check("versions", parseKubernetesVersions("KubernetesVersion    Upgrades\n-----------------  --------\n1.29.4               None available\n").first().version == "1.29.4")
    // Errors in the language the context asks for, as its diagnostics are.
    try { validateJson("create", "{\"agent_count\": \"drei\"}", "{\"locale\": \"de\"}"); check("a shape error throws", false) }
    catch (e: AkscomputeException.InvalidInput) { check("a shape error speaks German", e.detail.startsWith("die Konfiguration hat 1 Problem")) { e.detail } }
    try { buildCreateRequest(CreateConfig(name = "myaks"), Context(profile = Profile.NOV2021, locale = "de", workspace = ws), RequestOptions(apiVersion = "../../x")); check("a bad api-version throws", false) }
    catch (e: AkscomputeException.InvalidRequest) { check("a request error speaks German", e.field == "api_version" && e.detail.contains("Für die api-version")) { e.detail } }
    try { parseKubernetesVersions("{\"x\": 1}", "de"); check("a bad versions text throws", false) }
    catch (e: AkscomputeException.InvalidInput) { check("a versions error speaks German", e.detail.startsWith("keine Liste von Kubernetes-Versionen")) { e.detail } }
    // The registry's own file says how many codes there are.
    val codes = Regex("\"code\": \"").findAll(File("core/data/rules.json").readText()).count()
    check("rules", ruleCodes().size == codes && ruleCodes().first { it.code == "NAME006" }.oct2020 == Severity.WARNING)
}

fun main(args: Array<String>) {
    runVectors(File(args.getOrElse(0) { "tests/vectors" }))
    typedExamples()
    println("kotlin: $passed passed, $failed failed")
    if (failed > 0) kotlin.system.exitProcess(1)
}

// The GC report that `mvn verify site` made: every figure in its table must be the results
// files' own. The page is read as text (it is the site renderer's HTML, not XML); the results
// files are read with XmlSlurper, independently of the report's reader.
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def page = new File(basedir, 'target/site/gc-vm-report.html')

assert log.contains('Programs run: 5, Passed: 3, Failed: 2 (WRONG_OUTPUT: 1, OVER_MEMORY: 1)')
assert log.contains('gc-vm report: 5 runs from target/gc-vm-reports, 2 failed')
assert log.contains('BUILD SUCCESS')
assert page.isFile() : 'no report page (an older site plugin skips 4.x reports silently)'

def html = page.getText('UTF-8')
// the report's own part of the page (the skin adds its menu, header and footer around it)
def body = html.substring(html.indexOf('<section id="gc-report">'), html.lastIndexOf('</main>'))
assert !body.contains('<script') : 'the report needs no script'
assert !(body =~ /(src|href)="https?:/) : 'the report fetches nothing'

def unescape = { String s ->
    s.replaceAll(/<[^>]+>/, '').replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"')
            .replace('&#39;', "'").replace('&amp;', '&').trim()
}
def attr = { String attrs, String name ->
    def m = attrs =~ /\b${name}="([^"]*)"/
    m.find() ? unescape(m.group(1)) : null
}
// the runs table: one <tr class="... gcvm-run ..."> per run, cells keyed by their class
def table = body.substring(body.indexOf('id="gcvm-runs"'))
table = table.substring(0, table.indexOf('</table>'))
def rows = []
(table =~ /(?s)<tr([^>]*)>(.*?)<\/tr>/).each { all, trAttrs, inner ->
    def cls = attr(trAttrs, 'class') ?: ''

    def cells = [:]
    (inner =~ /(?s)<td([^>]*)>(.*?)<\/td>/).each { c, attrs, text ->
        cells[attr(attrs, 'class')] = [text: unescape(text), title: attr(attrs, 'title'), style: attr(attrs, 'style')]
    }
    rows << [cls: cls.split(' ') as List, cells: cells]
}
def runs = rows.findAll { it.cls.contains('gcvm-run') }
def total = rows.find { it.cls.contains('gcvm-total-row') }

def summary = new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml'))
def programs = summary.program.list()
assert programs.size() == 5
assert runs.size() == programs.size()

def mb = { long b -> String.format(Locale.ROOT, '%,.2f MB', b / 1048576.0d) }
def ms = { long n -> String.format(Locale.ROOT, '%,.2f ms', n / 1000000.0d) }
def exact = { String title -> title.replaceAll(/^[^0-9]*/, '').replaceAll(/[^0-9,].*$/, '').replace(',', '') as long }
def num = { p, String a -> p."@${a}".text() as long }

long collections = 0, pause = 0, longest = 0, allocated = 0
programs.eachWithIndex { p, i ->
    def c = runs[i].cells
    def name = p.@name.text()
    def heap = new XmlSlurper().parse(new File(reports, p.@file.text())).heap
    assert c['gcvm-name'].text == name
    assert c['gcvm-verdict'].text == p.@verdict.text()
    assert runs[i].cls.contains(p.@passed.text() == 'true' ? 'gcvm-passed' : 'gcvm-failed')
    assert c['gcvm-verdict'].style.contains(p.@passed.text() == 'true' ? '#d1e7dd' : '#f8d7da') : name
    assert c['gcvm-limit'].text == p.@memMb.text() + ' MB'
    assert exact(c['gcvm-limit'].title) == num(p, 'limitBytes')
    assert c['gcvm-collections'].text == p.@collections.text()
    assert c['gcvm-total-pause'].text == ms(num(p, 'totalPauseNanos'))
    assert exact(c['gcvm-total-pause'].title) == num(p, 'totalPauseNanos')
    assert c['gcvm-max-pause'].text == ms(num(p, 'maxPauseNanos'))
    assert exact(c['gcvm-max-pause'].title) == num(p, 'maxPauseNanos')
    assert c['gcvm-allocated'].text == mb(num(p, 'bytesAllocated'))
    assert exact(c['gcvm-allocated'].title) == num(p, 'bytesAllocated')
    long peak = num(p, 'peakHeapBytes'), limit = num(p, 'limitBytes')
    assert c['gcvm-peak'].text == mb(peak) + ' (' + Math.round(100.0d * peak / limit) + ' %)'
    assert exact(c['gcvm-peak'].title) == peak
    assert c['gcvm-live'].text == mb(num(p, 'liveBytesAfterLastGc'))
    assert exact(c['gcvm-live'].title) == num(p, 'liveBytesAfterLastGc')
    assert c['gcvm-time'].text == p.@time.text() + ' s'
    // the program's own file agrees with the summary
    ['collections', 'totalPauseNanos', 'maxPauseNanos', 'bytesAllocated', 'peakHeapBytes', 'liveBytesAfterLastGc']
            .each { a -> assert heap."@${a}".text() == p."@${a}".text() : "$name $a" }
    // its chart
    def id = 'run-' + name.replaceAll(/[^A-Za-z0-9_-]/, '-')
    def at = body.indexOf("id=\"${id}\"")
    assert at > 0 : "no section for $name"
    def section = body.substring(at, body.indexOf('</section>', at))
    assert section.count('<svg xmlns="http://www.w3.org/2000/svg" class="gcvm-chart"') == 1 : name
    assert section.contains('class="gcvm-limit"')
    assert section.contains('class="gcvm-heap"') == (num(p, 'collections') > 0) : name
    collections += num(p, 'collections'); pause += num(p, 'totalPauseNanos'); allocated += num(p, 'bytesAllocated')
    longest = Math.max(longest, num(p, 'maxPauseNanos'))
}
assert total.cells['gcvm-collections'].text == collections as String
assert total.cells['gcvm-total-pause'].text == ms(pause)
assert total.cells['gcvm-max-pause'].text == ms(longest)
assert total.cells['gcvm-allocated'].text == mb(allocated)

// failures first: a summary above the table naming each failed run
def failures = body.indexOf('class="gcvm-failures"')
assert failures > 0 && failures < body.indexOf('id="gcvm-runs"')
def box = unescape(body.substring(failures, body.indexOf('</div>', failures)).replaceFirst(/^[^>]*>/, ''))
assert box.startsWith('2 of 5 runs failed:')
assert box.contains('count.mit: WRONG_OUTPUT: output differs from src/gcvm/count.mit.out at line 3')
assert box.contains('grow.mit: OVER_MEMORY: OutOfMemoryException at src/gcvm/grow.mit:6')
// the wrong output's diff is shown with its run
assert body.contains('-three')
return true

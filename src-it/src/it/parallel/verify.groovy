import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log.contains('gc-vm: running 6 programs from src/gcvm (in-process, 3 threads)')
(0..5).each { k ->
    assert log =~ /PASS\s+p${k}\.mit\s/
    def r = result("p${k}.mit")
    assert r.@verdict == 'PASS'
    assert r.settings.@memMb == "${2 + k % 2}"
    assert (r.heap.@collections.text() as int) > 0
}
assert summary().@threads == '3'
assert log.contains('Programs run: 6, Passed: 6, Failed: 0')
return true

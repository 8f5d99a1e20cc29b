import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log.contains('gc-vm: running 2 programs from src/gcvm (in-process')
assert log =~ /PASS\s+garbage\.mit\s/
assert log =~ /PASS\s+hello\.mit\s/
assert log.contains('Programs run: 2, Passed: 2, Failed: 0')
assert log.contains('BUILD SUCCESS')

def s = summary()
assert s.@programs == '2' && s.@passed == '2' && s.@failed == '0'
assert s.program.size() == 2
assert s.program*.@name*.text() == ['garbage.mit', 'hello.mit']

def g = result('garbage.mit')
assert g.@verdict == 'PASS'
assert g.@passed == 'true'
assert g.settings.@memMb == '2'
assert g.heap.@limitBytes == '2097152'
def collections = g.heap.@collections.text() as int
assert collections > 0
assert (g.heap.@bytesAllocated.text() as long) > 2097152
assert (g.heap.@peakHeapBytes.text() as long) <= 2097152
assert g.gcSeries.@collections.text() as int == collections
assert g.gcSeries.gc.size() == collections
assert g.gcSeries.gc[0].@n == '1'
assert g.gcSeries.gc.every { (it.@usedBefore.text() as long) >= (it.@usedAfter.text() as long) }

def h = result('hello.mit')
assert h.@verdict == 'PASS'
assert h.settings.@stdin == 'hello.mit.in'
return true

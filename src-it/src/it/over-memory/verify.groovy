import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log =~ /OVER_MEMORY\s+grow\.mit\s/
def m = log =~ /OutOfMemoryException at src\/gcvm\/grow\.mit:6: limit 2 MB \(2097152 bytes\), live heap [0-9.]+ MB \((\d+) bytes\) after a full collection, (\d+) collections so far/
assert m.find()
def live = m.group(1) as long
def collections = m.group(2) as int
assert live > 1500000 && live <= 2097152
assert collections > 0

def r = result('grow.mit')
assert r.@verdict == 'OVER_MEMORY'
assert r.error.@name == 'OutOfMemoryException'
assert r.error.@line == '6'
assert r.heap.@limitBytes == '2097152'
assert (r.heap.@liveBytesAfterLastGc.text() as long) == live
return true

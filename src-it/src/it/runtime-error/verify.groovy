import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log =~ /RUNTIME_ERROR\s+cast\.mit\s/
assert log.contains('src/gcvm/cast.mit:3: IllegalCastException: cannot add int and None')
def r = result('cast.mit')
assert r.@verdict == 'RUNTIME_ERROR'
assert r.error.@name == 'IllegalCastException'
assert r.error.@line == '3'
assert r.error.text() == 'cannot add int and None'
assert r.settings.@memMb == '64'
return true

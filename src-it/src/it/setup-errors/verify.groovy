import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log.contains("src/gcvm/directive.mit:2: unknown directive '@memory'")
assert log.contains('no expected output file src/gcvm/noout.mit.out')
assert log =~ /PASS\s+fine\.mit\s/
assert log.contains('Programs run: 3, Passed: 1, Failed: 2 (ERROR: 2)')
assert result('directive.mit').@verdict == 'ERROR'
assert result('noout.mit').@verdict == 'ERROR'
return true
